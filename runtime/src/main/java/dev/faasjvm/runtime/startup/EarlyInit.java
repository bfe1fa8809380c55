package dev.faasjvm.runtime.startup;

import java.util.List;

/**
 * Runs the slowest class initialisers of start-up on a second thread while the main thread reads
 * the settings and builds the runtime, so that a start on two or more CPUs does not wait for them
 * one after the other.
 *
 * <p>Why these: profiled with JFR class-load stacks on JDK 17, Jetty's {@code MimeTypes} static
 * initialiser calls {@code Locale.getAvailableLocales()}, which loads the whole CLDR locale table
 * (about a fifth of the time to the first 200 with no functions), and the main thread only reaches
 * it when it creates the {@code Server}, after the stores, metrics and queue are built. Initialising
 * a class twice is impossible (the JVM makes the second thread wait for the first), so at worst the
 * main thread waits here for work it would have done itself; nothing else changes.
 */
public final class EarlyInit {
    /** Classes whose static initialisers are slow and do not depend on any setting. */
    private static final List<String> CLASSES = List.of(
            "org.eclipse.jetty.http.MimeTypes",
            "dev.faasjvm.runtime.wire.Json");

    private EarlyInit() {
    }

    /** Starts initialising {@link #CLASSES} on a daemon thread, and returns at once. */
    public static void start() {
        Thread thread = new Thread(EarlyInit::initialise, "faas-jvm-early-init");
        thread.setDaemon(true);
        thread.start();
    }

    private static void initialise() {
        ClassLoader loader = EarlyInit.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Only a head start: the main thread initialises the class itself and reports any error.
                return;
            }
        }
    }
}
