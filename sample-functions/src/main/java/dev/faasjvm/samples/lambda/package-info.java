/**
 * The {@code lambda} sample: AWS Lambda handlers written as Lambda's Java documentation writes them,
 * packaged as a fat JAR and in Lambda's zip layout, bundling {@code aws-lambda-java-core} and
 * {@code aws-lambda-java-events}.
 */
package dev.faasjvm.samples.lambda;
