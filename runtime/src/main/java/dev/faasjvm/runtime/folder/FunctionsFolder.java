package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a folder of JARs and the functions deployed from it in sync: {@code echo.jar} added is
 * deployed as {@code echo}, replaced is updated (a new generation beside the old, as PUT does),
 * removed is deleted. A JAR is picked up only once its size, time and identity stay the same for a
 * whole poll interval, so a file still being written is left alone. A JAR that fails to deploy is
 * logged with its reason and tried again only when it changes.
 *
 * <p>The folder owns only what it deployed: those functions carry the annotation
 * {@value #SOURCE_ANNOTATION} naming their JAR, and a function deployed through the API is never
 * touched, even when a JAR of the same name appears. Everything goes through the
 * {@link ProviderBackend}, so folder changes are saved to the state like any other. One thread
 * polls; {@link #close()} stops it and waits for a sync in progress.
 */
public final class FunctionsFolder implements AutoCloseable {
    /** The annotation that marks a function as the folder's, holding the JAR's absolute path. */
    public static final String SOURCE_ANNOTATION = "dev.faasjvm.functions-folder.source";
    /**
     * The annotation that clients see holding the private copy a folder function runs from, while
     * its {@code image} shows the JAR in the folder ({@link #asDeployed}).
     */
    public static final String COPY_ANNOTATION = "dev.faasjvm.functions-folder.copy";

    private static final System.Logger LOG = System.getLogger(FunctionsFolder.class.getName());
    private static final String NAMESPACE = ProviderBackend.DEFAULT_NAMESPACE;

    private final ProviderBackend backend;
    private final Path dir;
    private final JarCopies copies;
    private final Duration poll;
    private final Map<String, JarSignature> handled = new HashMap<>();
    private final Map<String, JarSignature> settling = new HashMap<>();
    private ScheduledExecutorService poller;

    private FunctionsFolder(ProviderBackend backend, Path dir, JarCopies copies, Duration poll) {
        this.backend = backend;
        this.dir = dir.toAbsolutePath().normalize();
        this.copies = copies;
        this.poll = poll;
    }

    /**
     * A folder to keep in sync with {@code backend}, its JARs copied under {@code copiesDir};
     * nothing happens until {@link #start(boolean)}.
     */
    public static FunctionsFolder create(ProviderBackend backend, Path dir, Path copiesDir, Duration poll) {
        return new FunctionsFolder(backend, dir, new JarCopies(copiesDir), poll);
    }

    /**
     * Syncs once, at once, then every poll interval: deploys the folder's JARs (those present at
     * start need not settle), deletes the folder's functions whose JAR went while the runtime was
     * down, and, when {@code collectUnusedCopies}, deletes copies no function uses.
     *
     * @param collectUnusedCopies false when some stored deployment could not be restored: its
     *     copy might be the one it needs
     * @return what became of each JAR present at start, in file name order
     */
    public synchronized List<FolderOutcome> start(boolean collectUnusedCopies) {
        Map<String, Path> jars = jars();
        List<FolderOutcome> outcomes = new ArrayList<>();
        jars.forEach((name, jar) -> JarSignature.of(jar).ifPresent(signature -> {
            handled.put(name, signature);
            outcomes.add(apply(name, jar, false));
        }));
        for (FunctionStatus function : owned()) {
            if (!jars.containsKey(function.name())) {
                remove(function.name());
            }
        }
        if (collectUnusedCopies) {
            Set<String> inUse = new HashSet<>();
            backend.list(NAMESPACE).forEach(function -> inUse.add(function.image()));
            copies.discardAllBut(inUse);
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "faas-jvm-functions-folder");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return outcomes;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) { // one bad sync must not stop the folder being watched
            LOG.log(Level.ERROR, "Functions folder " + dir + ": sync failed; trying again next time", e);
        }
    }

    /** One sync: acts on JARs that changed and then stayed unchanged for a whole interval. */
    synchronized void poll() {
        Map<String, Path> jars = jars();
        jars.forEach((name, jar) -> JarSignature.of(jar).ifPresent(signature -> {
            if (signature.equals(handled.get(name))) {
                settling.remove(name);
            } else if (signature.equals(settling.put(name, signature))) {
                settling.remove(name);
                handled.put(name, signature);
                apply(name, jar, true);
            }
        }));
        settling.keySet().retainAll(jars.keySet());
        for (String name : new ArrayList<>(handled.keySet())) {
            if (!jars.containsKey(name)) {
                handled.remove(name);
                remove(name);
            }
        }
    }

    private FolderOutcome apply(String name, Path jar, boolean log) {
        Optional<FunctionStatus> current = backend.status(name, NAMESPACE);
        if (current.isPresent() && !isOwned(current.get())) {
            return skipped(jar, name, "function \"" + name + "\" was deployed through the API; the folder leaves it"
                    + " alone", log);
        }
        Path copy;
        try {
            copy = copies.store(name, Files.readAllBytes(jar));
        } catch (IOException e) {
            return skipped(jar, name, "cannot be read or copied: " + e, log);
        }
        String image = copy.toString();
        if (current.isPresent() && current.get().image().equals(image)) {
            return new FolderOutcome(jar, name, ""); // touched, not changed
        }
        try {
            deployOrUpdate(name, jar, image, current.isPresent());
        } catch (ProviderException e) {
            copies.discard(image);
            return skipped(jar, name, e.getMessage(), log);
        }
        current.ifPresent(previous -> copies.discard(previous.image()));
        if (log) {
            LOG.log(Level.INFO, () -> "Functions folder: " + (current.isPresent() ? "updated " : "deployed ") + name
                    + " from " + jar.getFileName());
        }
        return new FolderOutcome(jar, name, "");
    }

    private void deployOrUpdate(String name, Path jar, String image, boolean exists) {
        FunctionDeployment spec = new FunctionDeployment(name, image, NAMESPACE, "", Map.of(), List.of(), List.of(),
                Map.of(), Map.of(SOURCE_ANNOTATION, jar.toString()), null, null, false);
        if (exists) {
            backend.update(spec);
        } else {
            backend.deploy(spec);
        }
    }

    private void remove(String name) {
        Optional<FunctionStatus> current = backend.status(name, NAMESPACE);
        if (current.isEmpty() || !isOwned(current.get())) {
            return;
        }
        try {
            backend.delete(name, NAMESPACE);
            copies.discard(current.get().image());
            LOG.log(Level.INFO, () -> "Functions folder: deleted " + name + " (" + name + ".jar was removed)");
        } catch (FunctionNotFoundException e) {
            // Deleted through the API meanwhile: what the folder wanted anyway.
        } catch (ProviderException e) {
            LOG.log(Level.WARNING, () -> "Functions folder: cannot delete " + name + ": " + e.getMessage());
        }
    }

    private FolderOutcome skipped(Path jar, String name, String reason, boolean log) {
        if (log) {
            LOG.log(Level.WARNING, () -> "Functions folder: skipped " + jar.getFileName() + ": " + reason);
        }
        return new FolderOutcome(jar, name, reason);
    }

    /** The folder's own functions; one deployed from an earlier --functions folder counts too, so it is synced. */
    private static boolean isOwned(FunctionStatus function) {
        return function.annotations().containsKey(SOURCE_ANNOTATION);
    }

    private List<FunctionStatus> owned() {
        return backend.list(NAMESPACE).stream().filter(FunctionsFolder::isOwned).toList();
    }

    /** The folder's JARs by function name, in name order; a folder that cannot be listed has none this time. */
    private Map<String, Path> jars() {
        Map<String, Path> jars = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.toLowerCase(Locale.ROOT).endsWith(".jar") && !file.startsWith(".")
                        && Files.isRegularFile(entry)) {
                    jars.put(file.substring(0, file.length() - ".jar".length()), entry);
                }
            }
        } catch (IOException e) {
            // Taking an unlistable folder for an empty one would delete every function it holds.
            LOG.log(Level.WARNING, () -> "Functions folder " + dir + " cannot be listed: " + e);
            jars.clear();
            handled.keySet().forEach(name -> jars.put(name, dir.resolve(name + ".jar")));
        }
        return jars;
    }

    /** Stops watching, after the sync in progress (if any) completes. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = poller;
        }
        if (running != null) {
            running.shutdown(); // no interrupt: it would close the state files a deploy is writing
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A function's status as clients should see it: for one of the folder's, its JAR in the folder as
     * the {@code image} (what the user put there) and the private copy it runs from in
     * {@value #COPY_ANNOTATION}; any other status as it is.
     */
    public static FunctionStatus asDeployed(FunctionStatus status) {
        String source = status.annotations().get(SOURCE_ANNOTATION);
        if (source == null || source.equals(status.image())) {
            return status;
        }
        Map<String, String> annotations = new TreeMap<>(status.annotations());
        annotations.put(COPY_ANNOTATION, status.image());
        return new FunctionStatus(status.name(), source, status.namespace(), status.envProcess(), status.envVars(),
                status.constraints(), status.secrets(), status.labels(), annotations, status.limits(),
                status.requests(), status.readOnlyRootFilesystem(), status.invocationCount(), status.replicas(),
                status.availableReplicas(), status.createdAt(), status.usage());
    }
}
