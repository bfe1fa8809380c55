package dev.faasjvm.runtime.folder;

import dev.faasjvm.runtime.backend.FunctionNotFoundException;
import dev.faasjvm.runtime.backend.ProviderBackend;
import dev.faasjvm.runtime.backend.ProviderException;
import dev.faasjvm.runtime.backend.StoreUnavailableException;
import dev.faasjvm.runtime.threads.DaemonThreads;
import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.FunctionStatus;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * {@value #SOURCE_ANNOTATION} naming their JAR (and the node, bytes and time of that JAR), and a
 * function deployed or updated through the API is never touched, even when a JAR of the same name
 * appears. Every write goes through {@link SharedFolders}, so folder changes are saved to the
 * state like any other; in a cluster, where every node may have a folder, {@link FolderRule}
 * decides which node's JAR runs. One thread polls; {@link #close()} stops it and waits for a sync
 * in progress.
 */
public final class FunctionsFolder implements AutoCloseable {
    /** The annotation that marks a function as the folder's, holding the JAR's absolute path. */
    public static final String SOURCE_ANNOTATION = "dev.faasjvm.functions-folder.source";
    /**
     * The annotation that clients see holding the private copy a folder function runs from, while
     * its {@code image} shows the JAR in the folder ({@link #asDeployed}).
     */
    public static final String COPY_ANNOTATION = "dev.faasjvm.functions-folder.copy";
    /** The annotation naming the node whose folder is a function's source (absent on a single node). */
    public static final String NODE_ANNOTATION = "dev.faasjvm.functions-folder.node";
    /** The annotation holding the SHA-256 of the source JAR's bytes. */
    public static final String SHA256_ANNOTATION = "dev.faasjvm.functions-folder.sha256";
    /** The annotation holding the source JAR's modification time. */
    public static final String MODIFIED_ANNOTATION = "dev.faasjvm.functions-folder.modified";
    /** What every annotation of the folder's starts with; a client cannot set them ({@link #asClientChange}). */
    private static final String ANNOTATION_PREFIX = "dev.faasjvm.functions-folder.";
    /** Attempts at one decision when other nodes keep writing the same function first. */
    private static final int ATTEMPTS = 5;

    private static final System.Logger LOG = System.getLogger(FunctionsFolder.class.getName());
    private static final String NAMESPACE = ProviderBackend.DEFAULT_NAMESPACE;

    private final ProviderBackend backend;
    private final SharedFolders shared;
    private final Path dir;
    private final JarCopies copies;
    private final Duration poll;
    private final Map<String, JarSignature> handled = new HashMap<>();
    private final Map<String, JarSignature> settling = new HashMap<>();
    /** What this node's folder provides, as published to the others. */
    private final Map<String, FolderJar> provided = new TreeMap<>();
    private boolean published;
    private ScheduledExecutorService poller;

    private FunctionsFolder(ProviderBackend backend, SharedFolders shared, Path dir, JarCopies copies,
            Duration poll) {
        this.backend = backend;
        this.shared = shared;
        this.dir = dir.toAbsolutePath().normalize();
        this.copies = copies;
        this.poll = poll;
    }

    /**
     * A folder to keep in sync with {@code backend}, its JARs copied under {@code copiesDir};
     * nothing happens until {@link #start(boolean)}.
     */
    public static FunctionsFolder create(ProviderBackend backend, Path dir, Path copiesDir, Duration poll) {
        return create(backend, dir, copiesDir, poll, SharedFolders.singleNode(backend));
    }

    /** As {@link #create(ProviderBackend, Path, Path, Duration)}, for a node that shares its state with others. */
    public static FunctionsFolder create(ProviderBackend backend, Path dir, Path copiesDir, Duration poll,
            SharedFolders shared) {
        return new FunctionsFolder(backend, shared, dir, new JarCopies(copiesDir), poll);
    }

    /**
     * Syncs once, at once, then every poll interval: deploys the folder's JARs (those present at
     * start need not settle), deletes the folder's functions whose JAR went while the runtime was
     * down (or hands them over, {@link FolderRule}), and, when {@code collectUnusedCopies}, deletes
     * copies no function uses.
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
            provide(name, jar, signature);
        }));
        publish(); // before deciding, so that a node whose JAR goes meanwhile hands it to this one
        jars.forEach((name, jar) -> {
            if (handled.containsKey(name)) {
                outcomes.add(apply(name, jar, false));
            }
        });
        settleOwn(jars, false);
        if (collectUnusedCopies) {
            Set<String> inUse = new HashSet<>();
            backend.list(NAMESPACE).forEach(function -> inUse.add(function.image()));
            copies.discardAllBut(inUse);
        }
        poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("faas-jvm-functions-folder"));
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
        Map<String, Path> changed = new TreeMap<>();
        jars.forEach((name, jar) -> JarSignature.of(jar).ifPresent(signature -> {
            if (signature.equals(handled.get(name))) {
                settling.remove(name);
            } else if (signature.equals(settling.put(name, signature))) {
                settling.remove(name);
                handled.put(name, signature);
                provide(name, jar, signature);
                changed.put(name, jar);
            }
        }));
        settling.keySet().retainAll(jars.keySet());
        List<String> gone = new ArrayList<>(handled.keySet());
        gone.removeAll(jars.keySet());
        gone.forEach(name -> {
            handled.remove(name);
            provided.remove(name);
        });
        if (!changed.isEmpty() || !gone.isEmpty() || !published) {
            publish();
        }
        changed.forEach((name, jar) -> apply(name, jar, true));
        gone.forEach(name -> remove(name, true));
        if (!shared.node().isEmpty()) { // only other nodes hand functions over: alone, start settles them all
            settleOwn(jars, true);
        }
    }

    /** Tells the other nodes what this folder provides; if the store cannot take it now, again next poll. */
    private void publish() {
        try {
            shared.publish(provided);
            published = true;
        } catch (ProviderException e) {
            published = false;
            LOG.log(Level.WARNING, () -> "Functions folder " + dir + ": cannot tell the other nodes what it holds;"
                    + " trying again next time: " + e.getMessage());
        }
    }

    /** Records what this node's folder provides under {@code name}; a JAR that cannot be read provides nothing. */
    private void provide(String name, Path jar, JarSignature signature) {
        try {
            provided.put(name, new FolderJar(JarCopies.sha256(Files.readAllBytes(jar)),
                    Instant.EPOCH.plusNanos(signature.modifiedNanos()), jar.toString()));
        } catch (IOException e) {
            provided.remove(name); // apply says why
        }
    }

    private static String readProblem(Path jar) {
        try {
            Files.readAllBytes(jar);
            return "it changed while read; tried again when it settles";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Acts on the functions whose source is this node's folder where the stored function differs
     * from the folder: its JAR went (while down, or while it was handed here), or it was handed
     * here with another node's bytes.
     */
    private void settleOwn(Map<String, Path> jars, boolean log) {
        for (FunctionStatus function : owned()) {
            String name = function.name();
            FolderJar own = provided.get(name);
            if (!jars.containsKey(name)) {
                remove(name, log);
            } else if (own != null && handled.containsKey(name) && !settling.containsKey(name)
                    && !runs(function.image(), function.annotations(), name, own)) {
                apply(name, jars.get(name), log);
            }
        }
    }

    /** Writes this node's JAR of {@code name} if {@link FolderRule#onJar} says so. */
    private FolderOutcome apply(String name, Path jar, boolean log) {
        FolderJar own = provided.get(name);
        if (own == null) {
            return skipped(jar, name, "cannot be read: " + readProblem(jar), log);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SharedFolders.Entry> current;
            try {
                current = shared.read(name);
            } catch (ProviderException e) {
                return unwritten(jar, name, e, log);
            }
            FolderRule.Decision decision = FolderRule.onJar(shared.node(), name, own, current,
                    current.isPresent() && runs(current.get().image(), current.get().annotations(), name, own));
            if (decision.action() == FolderRule.Action.KEEP) {
                return decision.reason().isEmpty() ? new FolderOutcome(jar, name, "")
                        : skipped(jar, name, decision.reason(), log);
            }
            Path copy;
            try {
                copy = copies.store(name, Files.readAllBytes(jar));
            } catch (IOException e) {
                return skipped(jar, name, "cannot be read or copied: " + e, log);
            }
            String image = copy.toString();
            boolean written;
            try {
                FunctionDeployment spec = spec(name, jar, image, own);
                written = current.isEmpty() ? shared.create(spec) : shared.replace(spec, current.get().revision());
            } catch (ProviderException e) {
                copies.discard(image);
                return unwritten(jar, name, e, log);
            }
            if (written) {
                current.ifPresent(previous -> copies.discard(previous.image()));
                if (log || !decision.reason().isEmpty()) {
                    LOG.log(Level.INFO, () -> "Functions folder " + dir + ": " + (current.isPresent() ? "updated "
                            : "deployed ") + name + " from " + jar.getFileName()
                            + (decision.reason().isEmpty() ? "" : ", " + decision.reason()));
                }
                return new FolderOutcome(jar, name, "");
            }
        }
        return skipped(jar, name, "other nodes changed function \"" + name + "\" first on every attempt; tried"
                + " again when the JAR changes", log);
    }

    /** Whether the stored function runs {@code own}'s bytes: the recorded hash, or this node's copy of them. */
    private boolean runs(String image, Map<String, String> annotations, String name, FolderJar own) {
        return own.sha256().equals(annotations.get(SHA256_ANNOTATION)) || copies.isCopyOf(image, name, own.sha256());
    }

    private FunctionDeployment spec(String name, Path jar, String image, FolderJar own) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(SOURCE_ANNOTATION, jar.toString());
        annotations.put(SHA256_ANNOTATION, own.sha256());
        annotations.put(MODIFIED_ANNOTATION, own.modified().toString());
        if (!shared.node().isEmpty()) {
            annotations.put(NODE_ANNOTATION, shared.node());
        }
        return new FunctionDeployment(name, image, NAMESPACE, "", Map.of(), List.of(), List.of(), Map.of(),
                annotations, null, null, false);
    }

    /** Deletes or hands over a function whose JAR is not in this folder, if {@link FolderRule#onGone} says so. */
    private void remove(String name, boolean log) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Optional<SharedFolders.Entry> current = shared.read(name);
                boolean ours = current.isPresent() && FolderRule.isFolders(current.get().annotations())
                        && FolderRule.sourceNode(current.get().annotations()).equals(shared.node());
                Map<String, FolderJar> providers = ours ? shared.providers(name) : Map.of();
                FolderRule.Decision decision = FolderRule.onGone(shared.node(), current, providers);
                if (decision.action() == FolderRule.Action.KEEP) {
                    return;
                }
                SharedFolders.Entry entry = current.orElseThrow();
                if (decision.action() == FolderRule.Action.DELETE) {
                    if (shared.remove(name, entry.revision())) {
                        copies.discard(entry.image());
                        LOG.log(Level.INFO, () -> "Functions folder " + dir + ": deleted " + name + " (" + name
                                + ".jar was removed)");
                        return;
                    }
                } else if (shared.handOver(name, handedOver(entry.annotations(), decision.heir(),
                        providers.get(decision.heir())), entry.revision())) {
                    LOG.log(Level.INFO, () -> "Functions folder " + dir + ": " + name + ".jar was removed here, but"
                            + " node " + decision.heir() + "'s folder still provides it: " + name + " stays, with"
                            + " node " + decision.heir() + "'s " + providers.get(decision.heir()).file()
                            + " as its source");
                    return;
                }
            } catch (FunctionNotFoundException e) {
                return; // deleted through the API meanwhile: what the folder wanted anyway
            } catch (ProviderException e) {
                LOG.log(Level.WARNING, () -> "Functions folder " + dir + ": cannot delete " + name + ": "
                        + e.getMessage());
                return;
            }
        }
        if (log) {
            LOG.log(Level.WARNING, () -> "Functions folder " + dir + ": other nodes changed " + name + " first on"
                    + " every attempt to delete it; tried again next time");
        }
    }

    /** A function's annotations naming {@code heir}'s JAR as its source, its bytes (hash) unchanged. */
    private static Map<String, String> handedOver(Map<String, String> annotations, String heir, FolderJar theirs) {
        Map<String, String> next = new TreeMap<>(annotations);
        next.put(NODE_ANNOTATION, heir);
        next.put(SOURCE_ANNOTATION, theirs.file());
        next.put(MODIFIED_ANNOTATION, theirs.modified().toString());
        return next;
    }

    /** A JAR that could not be written: tried again when it changes, or soon if the store was unavailable. */
    private FolderOutcome unwritten(Path jar, String name, ProviderException e, boolean log) {
        if (e instanceof StoreUnavailableException) {
            handled.remove(name); // picked up again once it has stayed the same for one more poll
        }
        return skipped(jar, name, e.getMessage(), log);
    }

    private FolderOutcome skipped(Path jar, String name, String reason, boolean log) {
        if (log) {
            LOG.log(Level.WARNING, () -> "Functions folder " + dir + ": skipped " + jar.getFileName() + ": " + reason);
        }
        return new FolderOutcome(jar, name, reason);
    }

    /** The functions whose source is this node's folder; one from an earlier --functions folder counts too. */
    private List<FunctionStatus> owned() {
        return backend.list(NAMESPACE).stream().filter(function -> FolderRule.isFolders(function.annotations())
                && FolderRule.sourceNode(function.annotations()).equals(shared.node())).toList();
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

    /**
     * A deployment as a client sent it, without the folder's annotations: a client's deploy or update
     * takes the function from the folder (even if it sends back a status it read, annotations and all),
     * so no folder sync overwrites it.
     */
    public static FunctionDeployment asClientChange(FunctionDeployment spec) {
        if (spec.annotations().keySet().stream().noneMatch(key -> key.startsWith(ANNOTATION_PREFIX))) {
            return spec;
        }
        Map<String, String> annotations = new TreeMap<>(spec.annotations());
        annotations.keySet().removeIf(key -> key.startsWith(ANNOTATION_PREFIX));
        return new FunctionDeployment(spec.service(), spec.image(), spec.namespace(), spec.envProcess(),
                spec.envVars(), spec.constraints(), spec.secrets(), spec.labels(), annotations, spec.limits(),
                spec.requests(), spec.readOnlyRootFilesystem());
    }
}
