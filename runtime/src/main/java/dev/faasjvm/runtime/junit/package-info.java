/**
 * A JUnit 5 extension that runs a real faas-jvm inside a test: {@link
 * dev.faasjvm.runtime.junit.FaasJvmTest} on a test class starts one runtime per test (or per
 * class) on an ephemeral port with in-memory state, deploys what {@link
 * dev.faasjvm.runtime.junit.DeployJar} and {@link dev.faasjvm.runtime.junit.DeployClass} name,
 * injects the {@link dev.faasjvm.runtime.Provider} as a test-method parameter or into a field
 * annotated {@link dev.faasjvm.runtime.junit.InjectProvider}, and stops it afterwards, leaving no
 * threads or files behind.
 *
 * <p>JUnit is an optional dependency of the runtime: only this package uses it, and the runtime
 * never loads it, so an application that embeds faas-jvm without JUnit does not need it.
 */
package dev.faasjvm.runtime.junit;
