/**
 * Basic authentication of the provider API: the credentials, their constant-time check, and where
 * they come from at start (OpenFaaS's secret files, options, or a password generated into the
 * state folder). Nothing here knows Jetty: the HTTP layer asks {@link
 * dev.faasjvm.runtime.auth.BasicCredentials#matches(String)} about each {@code /system/*} request.
 */
package dev.faasjvm.runtime.auth;
