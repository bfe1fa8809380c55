/**
 * The {@code openfaas-template} sample: a function for the OpenFaaS Java templates, packaged as the
 * template's Gradle build packages it ({@code function-1.0.zip}).
 */
package com.openfaas.function;
