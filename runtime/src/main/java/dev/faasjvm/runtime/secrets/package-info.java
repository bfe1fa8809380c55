/**
 * The secrets of the JVM back-end: values by namespace and name, kept in a
 * {@link dev.faasjvm.runtime.state.SecretStore}, handed as copies to the functions whose deployments
 * list them and never to a client. Nothing here knows HTTP or functions; whether a namespace exists
 * is checked by the registry before it calls in.
 */
package dev.faasjvm.runtime.secrets;
