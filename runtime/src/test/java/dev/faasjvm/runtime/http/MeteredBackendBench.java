package dev.faasjvm.runtime.http;

import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.accounting.AccountedThread;
import dev.faasjvm.runtime.accounting.CallMeter;
import dev.faasjvm.runtime.accounting.FunctionAccount;
import dev.faasjvm.runtime.accounting.FunctionAccounts;
import dev.faasjvm.runtime.backend.FunctionGauges;
import dev.faasjvm.runtime.backend.Invocation;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.metrics.RuntimeMetrics;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import dev.faasjvm.runtime.wire.ProviderInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: measures what recording one call in the metrics costs, isolated from HTTP and from
 * the function. A back-end that answers at once is called bare and through {@link MeteredBackend},
 * alternately, and the difference in the calling thread's CPU time (which other processes' load
 * does not inflate) is the cost per call. Run after {@code mvn verify}:
 * {@code java -cp runtime/target/test-classes:runtime/target/faas-jvm.jar
 * dev.faasjvm.runtime.http.MeteredBackendBench 2000000 7}. It then measures the same way what the
 * per-function CPU and allocation accounting around each call costs.
 */
final class MeteredBackendBench {
    private static final FunctionResponse OK = FunctionResponse.ok("Hello, world!");

    private MeteredBackendBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ProviderBackend bare = new Immediate();
        ProviderBackend metered = MeteredBackend.of(bare, RuntimeMetrics.create(List::<FunctionGauges>of));
        Invocation invocation = new Invocation("POST", "/", "", Map.of(), new byte[13], "call");
        compare("recording", bare, metered, invocation, calls, rounds);

        // The per-function accounting Replica.handle does around each call: on a replica's own thread
        // (allocation only; the thread's CPU is the function's as a whole) and on any other thread.
        FunctionAccount account = new FunctionAccounts().of("echo", "openfaas-fn");
        ProviderBackend accounted = new Accounted(bare, account);
        Thread replicaThread = new AccountedThread(account, () -> compare("accounting on a replica thread", bare,
                accounted, invocation, calls, rounds), "replica-thread");
        replicaThread.start();
        try {
            replicaThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compare("accounting on another thread", bare, accounted, invocation, calls, rounds);
    }

    /** Calls {@code bare} and {@code measured} alternately and prints what {@code what} costs per call. */
    private static void compare(String what, ProviderBackend bare, ProviderBackend measured, Invocation invocation,
            int calls, int rounds) {
        for (int warmup = 0; warmup < 5; warmup++) {
            cpuNanosPerCall(bare, invocation, calls);
            cpuNanosPerCall(measured, invocation, calls);
        }
        List<Double> costs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double without = cpuNanosPerCall(bare, invocation, calls);
            double with = cpuNanosPerCall(measured, invocation, calls);
            costs.add(with - without);
            System.out.printf("round %d: bare %.1f ns, with %.1f ns: %s costs %.1f ns of CPU per call%n", round,
                    without, with, what, with - without);
        }
        costs.sort(null);
        System.out.printf("median: %s costs %.1f ns of CPU per call%n", what, costs.get(costs.size() / 2));
    }

    /** Accounts each call as {@code Replica.handle} does. */
    private static final class Accounted extends Immediate {
        private final ProviderBackend delegate;
        private final FunctionAccount account;

        Accounted(ProviderBackend delegate, FunctionAccount account) {
            this.delegate = delegate;
            this.account = account;
        }

        @Override
        public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
            boolean ownThread = AccountedThread.countsTo(account);
            long cpu = ownThread ? 0 : CallMeter.cpuNanos();
            long allocated = CallMeter.allocatedBytes();
            try {
                return delegate.invoke(name, namespace, invocation);
            } finally {
                account.add(ownThread ? 0 : CallMeter.cpuNanos() - cpu, CallMeter.allocatedBytes() - allocated);
            }
        }
    }

    private static double cpuNanosPerCall(ProviderBackend backend, Invocation invocation, int calls) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long statuses = 0;
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            statuses += backend.invoke("echo", "openfaas-fn", invocation).join().status();
        }
        long used = cpu.getCurrentThreadCpuTime() - start;
        if (statuses != 200L * calls) {
            throw new IllegalStateException("unexpected statuses"); // also keeps the loop from being optimised away
        }
        return used / (double) calls;
    }

    /** Answers every call at once, as a function that takes no time would. */
    private static class Immediate implements ProviderBackend {
        @Override
        public List<FunctionStatus> list(String namespace) {
            return List.of();
        }

        @Override
        public void deploy(FunctionDeployment deployment) {
        }

        @Override
        public void update(FunctionDeployment deployment) {
        }

        @Override
        public void delete(String name, String namespace) {
        }

        @Override
        public Optional<FunctionStatus> status(String name, String namespace) {
            return Optional.empty();
        }

        @Override
        public void scale(String name, String namespace, long replicas) {
        }

        @Override
        public ProviderInfo info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> namespaces() {
            return List.of();
        }

        @Override
        public CompletableFuture<FunctionResponse> invoke(String name, String namespace, Invocation invocation) {
            return CompletableFuture.completedFuture(OK);
        }
    }
}
