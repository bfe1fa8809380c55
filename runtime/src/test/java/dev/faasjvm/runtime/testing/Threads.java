package dev.faasjvm.runtime.testing;

import java.util.List;

/** The live threads of this JVM, by name, to check that a closed runtime left none behind. */
public final class Threads {
    private Threads() {
    }

    /** The names of live threads starting with {@code prefix}, sorted. */
    public static List<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }
}
