/**
 * The {@code gcf} sample: a Google Cloud Functions {@code HttpFunction} written as Google's
 * documentation writes them, compiled against {@code functions-framework-api} at {@code provided}
 * scope.
 */
package dev.faasjvm.samples.gcf;
