package dev.faasjvm.runtime.cluster;

import dev.faasjvm.runtime.backend.ForwardingBackend;
import dev.faasjvm.runtime.backend.LogRequest;
import dev.faasjvm.runtime.backend.LogStream;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.wire.LogMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The local registry as the cluster's log fan-out reads this node's own lines: a function that
 * this node keeps only the record of (it is not placed here, so not loaded) has no lines here
 * rather than being unknown, so {@code /system/logs} through any node still merges the lines of
 * the nodes that run it. A follow of such a function here ends when the function is deleted.
 * Everything else goes to the registry. Thread-safe.
 */
final class LocalLines extends ForwardingBackend {
    private final Reconciler reconciler;
    private final Supplier<ClusterView.Snapshot> view;

    LocalLines(ProviderBackend local, Reconciler reconciler, Supplier<ClusterView.Snapshot> view) {
        super(local);
        this.reconciler = reconciler;
        this.view = view;
    }

    @Override
    public LogStream logs(LogRequest request) {
        String id = ClusterBackend.id(request.name(), request.namespace());
        if (reconciler.isLoaded(id) || !view.get().functions().containsKey(id)) {
            return super.logs(request);
        }
        return new NoLines(request.follow() ? () -> !view.get().functions().containsKey(id) : () -> true);
    }

    /** A stream with no lines, ended at once or when {@code ended} says so. */
    private static final class NoLines implements LogStream {
        private final BooleanSupplier ended;
        private final CountDownLatch closed = new CountDownLatch(1);

        NoLines(BooleanSupplier ended) {
            this.ended = ended;
        }

        @Override
        public Optional<LogMessage> next(Duration wait) throws InterruptedException {
            if (!isEnded()) {
                closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
            return Optional.empty();
        }

        @Override
        public boolean isEnded() {
            return closed.getCount() == 0 || ended.getAsBoolean();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
