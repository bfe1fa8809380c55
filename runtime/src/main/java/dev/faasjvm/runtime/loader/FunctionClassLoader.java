package dev.faasjvm.runtime.loader;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one generation of one function: its JAR URLs, then the API-only parent. Its
 * name ({@code function:<name>.<namespace>#<generation>}) shows in stack traces and heap dumps so a
 * leaked loader can be traced to its function. Closed by the generation that owns it.
 */
public final class FunctionClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    FunctionClassLoader(String name, URL[] urls, ApiOnlyClassLoader parent) {
        super(name, urls, parent);
    }
}
