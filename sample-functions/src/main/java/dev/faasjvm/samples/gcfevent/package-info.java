/**
 * The {@code gcfevent} sample: a Google Cloud Functions {@code CloudEventsFunction} written as Google's
 * documentation writes them, compiled against {@code functions-framework-api} (and with it the
 * CloudEvents API) at {@code provided} scope.
 */
package dev.faasjvm.samples.gcfevent;
