package dev.faasjvm.runtime.containment;

import dev.faasjvm.runtime.accounting.FunctionAccount;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one generation of one function has made of the JVM-wide state its rewritten code reaches
 * through the stubs: its environment, its overlay of the system properties, its default locale
 * and time zone, its shutdown hooks, its default uncaught-exception handler, its standard input.
 * Everything starts as the JVM's (the environment as the deployment's, see
 * {@link FunctionEnvironment}) and changes only for the function. Thread-safe.
 */
public final class Containment {
    private static final System.Logger LOG = System.getLogger(Containment.class.getName());
    private static final String BRIDGE_PREFIX = "faasjvm$contained$";
    /** Stands for classes of no function, which the rewriter never sees; used only if one calls a stub. */
    private static final Containment NONE = new Containment("(no function)", 0, Map.of(), null);

    private final String function;
    private final int generation;
    private final Map<String, String> environment;
    private final FunctionAccount account;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Properties properties;
    private volatile Locale locale;
    private volatile Locale displayLocale;
    private volatile Locale formatLocale;
    private volatile TimeZone timeZone;
    private volatile Thread.UncaughtExceptionHandler uncaughtHandler;
    private volatile java.io.InputStream in;
    // Guarded by this.
    private final Set<Thread> hooks = new LinkedHashSet<>();
    private boolean hooksRan;

    /**
     * @param function the function, as {@code name.namespace}
     * @param generation its generation
     * @param environment what its {@code System.getenv()} answers
     * @param account where its attempts to exit are counted, or {@code null}
     */
    public Containment(String function, int generation, Map<String, String> environment, FunctionAccount account) {
        this.function = Objects.requireNonNull(function, "function");
        this.generation = generation;
        this.environment = Map.copyOf(environment);
        this.account = account;
    }

    /** The containment of the function that {@code caller} (a rewritten class) belongs to. */
    public static Containment of(Class<?> caller) {
        ClassLoader loader = caller == null ? null : caller.getClassLoader();
        return loader instanceof ContainedLoader ? ((ContainedLoader) loader).containment() : NONE;
    }

    /** The containment of the function {@code thread} runs for (by its context class loader), or {@code null}. */
    static Containment ofThread(Thread thread) {
        for (ClassLoader loader = thread.getContextClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof ContainedLoader) {
                return ((ContainedLoader) loader).containment();
            }
        }
        return null;
    }

    public String function() {
        return function;
    }

    // ---- exit

    /** Counts and logs an attempt to end the JVM, and answers the exception to throw in its place. */
    public FunctionExitException exitAttempt(String method, int status, Class<?> caller) {
        if (account != null) {
            account.exitAttempted();
        }
        String site = callSite(caller);
        LOG.log(Level.WARNING, () -> "Function " + function + " (generation " + generation + ") called " + method + "("
                + status + ") at " + site + " on thread " + Thread.currentThread().getName()
                + "; the runtime does not exit for a function: an exception is thrown there instead");
        return new FunctionExitException(function, method, status);
    }

    /** The first frame of the function's own code on the stack, past the stub and any bridge. */
    private static String callSite(Class<?> caller) {
        ClassLoader loader = caller == null ? null : caller.getClassLoader();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(frame -> frame.getDeclaringClass().getClassLoader() == loader && loader != null
                        && !frame.getMethodName().startsWith(BRIDGE_PREFIX))
                .findFirst()
                .map(frame -> frame.toStackTraceElement().toString())
                .orElse(caller == null ? "(unknown)" : caller.getName()));
    }

    // ---- environment

    public Map<String, String> environment() {
        return environment;
    }

    // ---- system properties

    /** The function's property, from its overlay once it has one, else the JVM's. */
    public String property(String key) {
        checkKey(key);
        Properties own = properties;
        return own == null ? System.getProperty(key) : own.getProperty(key);
    }

    /** The function's properties: a copy of the JVM's, made at its first change, its own from then on. */
    public Properties properties() {
        Properties own = properties;
        if (own != null) {
            return own;
        }
        synchronized (this) {
            if (properties == null) {
                Properties copy = new Properties();
                copy.putAll(System.getProperties());
                properties = copy;
            }
            return properties;
        }
    }

    public String setProperty(String key, String value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        return (String) properties().setProperty(key, value);
    }

    public String clearProperty(String key) {
        checkKey(key);
        return (String) properties().remove(key);
    }

    /** As {@code System.setProperties}: these become the function's properties; {@code null} goes back to the JVM's. */
    public synchronized void setProperties(Properties replacement) {
        properties = replacement;
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key can't be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key can't be empty");
        }
    }

    // ---- locale and time zone

    public Locale locale() {
        Locale own = locale;
        return own == null ? Locale.getDefault() : own;
    }

    public Locale locale(Locale.Category category) {
        Locale own = Objects.requireNonNull(category, "category") == Locale.Category.DISPLAY ? displayLocale
                : formatLocale;
        return own == null ? Locale.getDefault(category) : own;
    }

    public void setLocale(Locale newLocale) {
        Objects.requireNonNull(newLocale, "Can't set default locale to NULL");
        locale = newLocale;
        displayLocale = newLocale;
        formatLocale = newLocale;
        warnDefaultSet("locale", newLocale.toLanguageTag(), "Locale.getDefault()",
                "String.toUpperCase(), String.format and NumberFormat.getInstance()");
    }

    public void setLocale(Locale.Category category, Locale newLocale) {
        Objects.requireNonNull(category, "Category cannot be NULL");
        Objects.requireNonNull(newLocale, "Can't set default locale to NULL");
        if (category == Locale.Category.DISPLAY) {
            displayLocale = newLocale;
        } else {
            formatLocale = newLocale;
        }
        warnDefaultSet("locale", category + " " + newLocale.toLanguageTag(), "Locale.getDefault(" + category + ")",
                "String.format and NumberFormat.getInstance()");
    }

    public TimeZone timeZone() {
        TimeZone own = timeZone;
        return own == null ? TimeZone.getDefault() : (TimeZone) own.clone();
    }

    public ZoneId zoneId() {
        TimeZone own = timeZone;
        return own == null ? ZoneId.systemDefault() : own.toZoneId();
    }

    /** As {@code TimeZone.setDefault}: {@code null} goes back to the JVM's default. */
    public void setTimeZone(TimeZone zone) {
        timeZone = zone == null ? null : (TimeZone) zone.clone();
        if (zone != null) {
            warnDefaultSet("time zone", zone.getID(), "TimeZone.getDefault() and ZoneId.systemDefault()",
                    "java.util.Date.toString() and new GregorianCalendar()");
        }
    }

    /** Once per function and kind: what its change reaches and what it does not. */
    private void warnDefaultSet(String what, String value, String reaches, String missed) {
        if (warned.add(what)) {
            LOG.log(Level.WARNING, () -> "Function " + function + " (generation " + generation + ") set the default "
                    + what + " to " + value + ": for its own code only (" + reaches + " in its classes answer it);"
                    + " the runtime and other functions keep the JVM's, and so do JDK methods that read the"
                    + " default themselves, such as " + missed);
        }
    }

    // ---- standard input

    public java.io.InputStream in() {
        java.io.InputStream own = in;
        return own == null ? System.in : own;
    }

    public void setIn(java.io.InputStream stream) {
        in = stream;
    }

    // ---- uncaught-exception handler

    public Thread.UncaughtExceptionHandler uncaughtHandler() {
        return uncaughtHandler;
    }

    public void setUncaughtHandler(Thread.UncaughtExceptionHandler handler) {
        uncaughtHandler = handler;
        if (handler != null) {
            UncaughtHandlers.install();
        }
    }

    // ---- shutdown hooks

    public synchronized void addShutdownHook(Thread hook) {
        Objects.requireNonNull(hook, "hook");
        if (hooksRan) {
            throw new IllegalStateException("Shutdown in progress");
        }
        if (hook.isAlive()) {
            throw new IllegalArgumentException("Hook already running");
        }
        if (!hooks.add(hook)) {
            throw new IllegalArgumentException("Hook previously registered");
        }
    }

    public synchronized boolean removeShutdownHook(Thread hook) {
        Objects.requireNonNull(hook, "hook");
        if (hooksRan) {
            throw new IllegalStateException("Shutdown in progress");
        }
        return hooks.remove(hook);
    }

    /**
     * Runs the function's shutdown hooks, as the JVM runs its own at exit: all started at once, then
     * awaited up to {@code wait}. Called when the function is unloaded; a second call does nothing.
     * Answers the names of hooks still running when the wait ended.
     */
    public List<String> runShutdownHooks(Duration wait) {
        List<Thread> toRun;
        synchronized (this) {
            if (hooksRan) {
                return List.of();
            }
            hooksRan = true;
            toRun = new ArrayList<>(hooks);
            hooks.clear();
        }
        for (Thread hook : toRun) {
            hook.start();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> running = new ArrayList<>();
        for (Thread hook : toRun) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    hook.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (hook.isAlive()) {
                running.add(hook.getName());
            }
        }
        if (!toRun.isEmpty()) {
            LOG.log(running.isEmpty() ? Level.INFO : Level.WARNING, () -> "Function " + function + " (generation "
                    + generation + "): ran " + toRun.size() + " shutdown hook(s) at unload"
                    + (running.isEmpty() ? "" : "; still running after " + wait + ": " + running));
        }
        return running;
    }

    @Override
    public String toString() {
        return "containment of " + function + " generation " + generation;
    }
}
