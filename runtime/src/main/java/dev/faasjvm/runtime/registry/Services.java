package dev.faasjvm.runtime.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.faasjvm.runtime.accounting.FunctionAccounts;
import dev.faasjvm.runtime.loader.FunctionLoader;
import dev.faasjvm.runtime.logs.FunctionLogs;
import dev.faasjvm.runtime.workers.Workers;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every generation and replica of one registry shares: the loader, the warm-loader cache,
 * the watchdog, the threads that reload JARs and unload them, the clocks and the settings. Immutable.
 *
 * @param loader loads a function's JAR into a new class loader
 * @param warm class loaders of generations at zero replicas
 * @param watchdog fires execution timeouts and stuck-worker checks
 * @param scaler runs reloads of evicted class loaders, which block on the JAR
 * @param unloading unloads class loaders, never on a function's own thread nor a caller's
 * @param clock wall time, for the deadline a handler reads
 * @param ticker elapsed time, for idleness; a fake one in tests
 * @param config the registry's settings
 * @param logs where each loaded function's output goes
 * @param accounts what each function has used (CPU, allocation, attempts to exit)
 * @param constructors runs handler constructors, bounded in number and time
 * @param workers the threads that run every replica's calls, each replica through a pool of its own
 */
record Services(FunctionLoader loader, WarmLoaders warm, Watchdog watchdog, Executor scaler, Executor unloading,
        Clock clock, Ticker ticker, RegistryConfig config, FunctionLogs logs, FunctionAccounts accounts,
        Constructors constructors, Workers workers) {
}
