/**
 * Runs a function written for the OpenFaaS Java templates ({@code java11}, {@code java17}): its
 * {@code com.openfaas.function.Handler}, an {@code com.openfaas.model.IHandler}, is called exactly as
 * the templates' entrypoint ({@code com.openfaas.entrypoint.App} of {@code com.openfaas:entrypoint:0.1.0})
 * calls it, and its {@code IResponse} is written back as that entrypoint writes it. The entrypoint's
 * own HTTP server never runs. Depends on the API, {@code com.openfaas.model} and the JDK only.
 */
package dev.faasjvm.runtime.platform.openfaas;
