/**
 * The benchmarks: churn (1,000 deploy, call, delete cycles of one JAR), density (1,000 idle
 * functions), cold deploy (deploy request to first answer) and overhead ({@code /function/echo}
 * against a bare Jetty handler under wrk, plus scale and scale-from-zero timings). Each is a
 * {@code main} run in its own JVM by {@code mvn -B -o verify -Pbenchmark -Dbenchmark=<name>} (see
 * the README), against a real runtime on a loopback port, and prints a table that also lands in
 * {@code runtime/target/benchmarks/<name>.txt}.
 */
package dev.faasjvm.runtime.bench;
