package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.FunctionDeployment;
import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.StateProblem;
import dev.faasjvm.runtime.wire.WireFormatException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link DeploymentStore}: one JSON file per function,
 * {@code <state dir>/deployments/<namespace>/<name>.json}, each written with {@link AtomicFiles}.
 * A file that cannot be read at start is reported and left alone; if a client later deploys the
 * same function, the unreadable file is first renamed aside ({@code <name>.json.unreadable-<time>})
 * rather than overwritten. Thread-safe; writes of one function are serialised by the caller.
 */
public final class FileDeploymentStore implements DeploymentStore {
    static final String DIRECTORY = "deployments";
    static final int FORMAT = 1;
    private static final String SUFFIX = ".json";
    private static final System.Logger LOG = System.getLogger(FileDeploymentStore.class.getName());

    private final Path stateDir;
    private final Path root;
    private final Clock clock;
    private final Set<Path> unreadable = ConcurrentHashMap.newKeySet();

    /**
     * The entry as it is written: a format number first, so a later faas-jvm can tell old files
     * from new ones.
     */
    record Entry(int format, FunctionDeployment spec, int replicas, Instant createdAt, String artifactSha256) {
    }

    private FileDeploymentStore(Path stateDir, Clock clock) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.root = this.stateDir.resolve(DIRECTORY);
        this.clock = clock;
    }

    /** A store under {@code stateDir}; nothing is read or written until it is used. */
    public static FileDeploymentStore in(Path stateDir) {
        return new FileDeploymentStore(Objects.requireNonNull(stateDir, "stateDir"), Clock.systemUTC());
    }

    @Override
    public StoredDeployments load() {
        List<StoredDeployment> deployments = new ArrayList<>();
        List<StateProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new StoredDeployments(deployments, problems);
        }
        for (Path namespaceDir : sorted(root, problems)) {
            if (!Files.isDirectory(namespaceDir)) {
                problems.add(problem(namespaceDir, "is not a folder; each namespace has a folder of entries here"));
                continue;
            }
            for (Path file : sorted(namespaceDir, problems)) {
                loadEntry(file, deployments, problems);
            }
        }
        return new StoredDeployments(deployments, problems);
    }

    private void loadEntry(Path file, List<StoredDeployment> deployments, List<StateProblem> problems) {
        String name = file.getFileName().toString();
        if (isTemporary(name)) {
            deleteStaleTemporary(file);
            return;
        }
        if (!name.endsWith(SUFFIX)) {
            return; // a file set aside earlier (".unreadable-..."), already reported when it was
        }
        try {
            deployments.add(read(file));
        } catch (IOException e) {
            unreadable.add(file);
            problems.add(problem(file, "cannot be read: " + e));
        } catch (WireFormatException | IllegalArgumentException e) {
            unreadable.add(file);
            problems.add(problem(file, e.getMessage()));
        }
    }

    private StoredDeployment read(Path file) throws IOException {
        Entry entry = Json.read(Files.readAllBytes(file), Entry.class);
        if (entry.format() != FORMAT) {
            throw new IllegalArgumentException("has format " + entry.format() + ", this faas-jvm reads format "
                    + FORMAT);
        }
        if (entry.spec() == null || entry.createdAt() == null) {
            throw new IllegalArgumentException("has no " + (entry.spec() == null ? "spec" : "createdAt"));
        }
        String namespace = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - SUFFIX.length());
        FunctionDeployment spec = entry.spec();
        if (!spec.service().equals(name) || !spec.namespace().equals(namespace)) {
            throw new IllegalArgumentException("holds function \"" + spec.service() + "\" in namespace \""
                    + spec.namespace() + "\", not \"" + name + "\" in \"" + namespace + "\" as its path says");
        }
        return new StoredDeployment(spec, entry.replicas(), entry.createdAt(), entry.artifactSha256());
    }

    @Override
    public void save(StoredDeployment deployment) throws IOException {
        Path file = fileOf(deployment.name(), deployment.namespace());
        createDurably(file.getParent());
        if (unreadable.remove(file) && Files.exists(file)) {
            setAside(file);
        }
        AtomicFiles.write(file, Json.write(new Entry(FORMAT, deployment.spec(), deployment.replicas(),
                deployment.createdAt(), deployment.artifactSha256())));
    }

    @Override
    public void remove(String name, String namespace) throws IOException {
        AtomicFiles.delete(fileOf(name, namespace));
    }

    @Override
    public String describe() {
        return "files in " + root;
    }

    @Override
    public String entryName(String name, String namespace) {
        return relative(fileOf(name, namespace));
    }

    private Path fileOf(String name, String namespace) {
        // Names and namespaces are RFC 1123 labels by the time they get here, so they are safe file names.
        return root.resolve(namespace).resolve(name + SUFFIX);
    }

    /** Creates a folder and makes its own entry in its parent durable, for the first entry of a namespace. */
    private void createDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        AtomicFiles.forceDirectory(root);
        AtomicFiles.forceDirectory(stateDir); // the deployments folder itself is new on the first write ever
    }

    private void setAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + clock.instant().toEpochMilli());
        Files.move(file, aside);
        AtomicFiles.forceDirectory(file.getParent());
        LOG.log(Level.WARNING, () -> "State entry " + relative(file) + " could not be read at start; it was kept as "
                + relative(aside) + " before the function was deployed again");
    }

    private static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** A crash mid-write leaves AtomicFiles' temporary file behind; it never held an acknowledged change. */
    private static void deleteStaleTemporary(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "Cannot delete stale temporary file " + file + ": " + e);
        }
    }

    private List<Path> sorted(Path dir, List<StateProblem> problems) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            problems.add(problem(dir, "cannot be listed: " + e));
        }
        entries.sort(null);
        return entries;
    }

    private StateProblem problem(Path path, String reason) {
        return new StateProblem(relative(path), reason);
    }

    private String relative(Path path) {
        return stateDir.relativize(path).toString().replace('\\', '/');
    }
}
