package dev.faasjvm.runtime.logs;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Routes the JVM's standard output, standard error and console logging to the function on whose
 * behalf a thread runs. {@link #install()} replaces {@code System.out} and {@code System.err} with
 * {@link LineRouter} streams and the root logger's console handler with a
 * {@link RoutingConsoleHandler}; a thread belongs to a function when its context class loader (or
 * an ancestor of it) is one of the function's generation loaders, and to a replica through an
 * inheritable tag, so threads a function starts are its own. Lines of other threads pass through
 * unchanged to the streams that were there before. One instance per JVM, {@link #global()};
 * tests build their own over fake streams. Thread-safe.
 */
public final class OutputCapture {
    private static final OutputCapture GLOBAL = new OutputCapture(System.out, System.err);

    private final ConcurrentHashMap<ClassLoader, FunctionOutput> outputs = new ConcurrentHashMap<>();
    /** Outputs of functions in a shared class loader, by id: only threads tagged for them are theirs. */
    private final ConcurrentHashMap<Long, FunctionOutput> taggedOnly = new ConcurrentHashMap<>();
    /** Inheritable, so threads a replica thread starts inherit its replica; holds no loader, so leaks none. */
    private final InheritableThreadLocal<Tag> tags = new InheritableThreadLocal<>();
    private volatile PrintStream originalOut;
    private volatile PrintStream originalErr;
    private volatile PrintStream routedOut;
    private volatile PrintStream routedErr;
    private boolean installed; // guarded by this
    private volatile boolean warnedReclaim;
    private String replacedOut = "";
    private String replacedErr = "";

    OutputCapture(PrintStream originalOut, PrintStream originalErr) {
        this.originalOut = originalOut;
        this.originalErr = originalErr;
        this.routedOut = router(originalOut, false, "stdout");
        this.routedErr = router(originalErr, true, "stderr");
    }

    /** The capture of this JVM's {@code System.out} and {@code System.err}. */
    public static OutputCapture global() {
        return GLOBAL;
    }

    /**
     * Puts the routing streams in place of {@code System.out} and {@code System.err}, and the
     * routing handler in place of the root logger's console handlers. Idempotent; if something else
     * replaced the streams since, the new ones become the runtime's output and are wrapped in turn.
     */
    public synchronized void install() {
        installed = true;
        installLogging();
        if (System.out != routedOut) {
            originalOut = System.out;
            routedOut = router(originalOut, false, "stdout");
            System.setOut(routedOut);
        }
        if (System.err != routedErr) {
            originalErr = System.err;
            routedErr = router(originalErr, true, "stderr");
            System.setErr(routedErr);
        }
    }

    /** The stream that stands for {@code System.out}: what {@link #install()} puts there. */
    PrintStream out() {
        return routedOut;
    }

    /** The stream that stands for {@code System.err}. */
    PrintStream err() {
        return routedErr;
    }

    /**
     * Makes {@code stream} the standard output (or error) of the function whose generation loader
     * is {@code loader}, for its own threads from now on, as its {@code System.setOut} or
     * {@code System.setErr}; {@code null} gives it the routed stream back. The runtime and other
     * functions keep theirs. Answers false when {@code loader} is no function's.
     */
    public boolean replace(ClassLoader loader, boolean isErr, PrintStream stream) {
        FunctionOutput output = loader == null ? null : outputs.get(loader);
        if (output == null) {
            return false;
        }
        output.replace(isErr, stream);
        return true;
    }

    /**
     * Puts the routing streams back if something replaced {@code System.out} or
     * {@code System.err} since {@link #install()} (reflection, or a class the rewrite did not
     * see), and warns once; does nothing before the first install. Answers whether it had to.
     */
    public boolean reclaim() {
        boolean reclaimed = false;
        synchronized (this) {
            if (!installed) {
                return false;
            }
            if (System.out != routedOut) {
                replacedOut = String.valueOf(System.out);
                System.setOut(routedOut);
                reclaimed = true;
            }
            if (System.err != routedErr) {
                replacedErr = String.valueOf(System.err);
                System.setErr(routedErr);
                reclaimed = true;
            }
        }
        if (reclaimed && !warnedReclaim) {
            warnedReclaim = true;
            System.getLogger(OutputCapture.class.getName()).log(System.Logger.Level.WARNING, "System.out or System.err"
                    + " was replaced behind the runtime's back (now " + replacedOut + " / " + replacedErr + "), which"
                    + " would end the capture of every function's output: the runtime's routing streams are back in"
                    + " place. Warned once.");
        }
        return reclaimed;
    }

    void register(ClassLoader loader, FunctionOutput output) {
        outputs.put(loader, output);
    }

    void unregister(ClassLoader loader, FunctionOutput output) {
        outputs.remove(loader, output);
        taggedOnly.remove(output.id(), output);
    }

    void registerTaggedOnly(FunctionOutput output) {
        taggedOnly.put(output.id(), output);
    }

    void tag(FunctionOutput output, String instance) {
        tags.set(new Tag(output.id(), instance));
    }

    /** The function output the current thread prints to, or {@code null} for the runtime's own. */
    FunctionOutput current() {
        if (!taggedOnly.isEmpty()) {
            Tag tag = tags.get();
            FunctionOutput tagged = tag == null ? null : taggedOnly.get(tag.output);
            if (tagged != null) {
                return tagged;
            }
        }
        if (outputs.isEmpty()) {
            return null;
        }
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
                loader = loader.getParent()) {
            FunctionOutput output = outputs.get(loader);
            if (output != null) {
                return output;
            }
        }
        return null;
    }

    /** The replica of {@code output} the current thread runs for, or the generation's own instance. */
    String instanceOf(FunctionOutput output) {
        Tag tag = tags.get();
        return tag != null && tag.output == output.id() ? tag.instance : output.generationInstance();
    }

    /** Writes a function's prefixed line to the runtime's own output. */
    void echo(String line, boolean toStandardError) {
        (toStandardError ? originalErr : originalOut).println(line);
    }

    /** Writes the runtime's own text, unchanged, to its standard error. */
    void runtimeError(String text) {
        originalErr.print(text);
        originalErr.flush();
    }

    private LineRouter.Stream router(PrintStream original, boolean isErr, String name) {
        Charset charset = charsetOf(name);
        return new LineRouter.Stream(new LineRouter(this, original, charset, isErr), charset);
    }

    private void installLogging() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof RoutingConsoleHandler && ((RoutingConsoleHandler) handler).routesTo(this)) {
                return;
            }
        }
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
                root.addHandler(new RoutingConsoleHandler(this, handler));
            }
        }
    }

    /**
     * The charset the JVM encodes a standard stream with (JDK 19+ names it {@code stdout.encoding},
     * JDK 17 {@code sun.stdout.encoding} when it differs from the default), so that bytes of the
     * runtime's own output pass through unchanged.
     */
    private static Charset charsetOf(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unsupported) {
            return Charset.defaultCharset();
        }
    }

    /**
     * A replica tag: which output (by {@link FunctionOutput#id()}) and which replica. It holds no
     * reference, so a long-lived thread that inherited it keeps no class loader or log buffer alive.
     */
    private record Tag(long output, String instance) {
    }
}
