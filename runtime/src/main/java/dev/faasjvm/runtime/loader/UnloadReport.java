package dev.faasjvm.runtime.loader;

import dev.faasjvm.runtime.unload.FunctionThreads;
import java.util.List;

/**
 * What unloading one generation of a function cleaned up.
 *
 * @param threads the function's threads that were interrupted, and those that outlived the wait
 * @param jdbcDrivers the class names of the JDBC drivers deregistered
 * @param logHandlers the {@code java.util.logging} handlers removed, as "logger: handler class"
 */
record UnloadReport(FunctionThreads.Outcome threads, List<String> jdbcDrivers, List<String> logHandlers) {
    UnloadReport {
        jdbcDrivers = List.copyOf(jdbcDrivers);
        logHandlers = List.copyOf(logHandlers);
    }
}
