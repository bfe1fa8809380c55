package dev.faasjvm.runtime.loader;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handler classes an embedding application registered from its own class path, each known by
 * an image {@code class:<binary name>}. Only registered classes resolve, so an HTTP client cannot
 * instantiate an arbitrary class of the runtime's class path by naming it. Such a function shares
 * the application's class loader: it is not isolated. Thread-safe.
 */
final class InProcessClasses {
    static final String SCHEME = "class:";

    private final ConcurrentHashMap<String, Class<?>> classes = new ConcurrentHashMap<>();

    static boolean names(String image) {
        return image.startsWith(SCHEME);
    }

    /** Registers a handler class and answers its image; checks it is a handler first. */
    String register(Class<?> type) {
        Objects.requireNonNull(type, "type");
        HandlerClass.of(type);
        String image = SCHEME + type.getName();
        Class<?> previous = classes.putIfAbsent(image, type);
        if (previous != null && previous != type) {
            throw new FunctionLoadException("Image \"" + image + "\" already names a class of another class loader");
        }
        return image;
    }

    LoadedFunction load(String function, int generation, String image) {
        Class<?> type = classes.get(image);
        if (type == null) {
            throw new FunctionLoadException("Image \"" + image + "\" names no class registered by the embedding"
                    + " application; class: images are deployed from code (Provider.deploy(name, Class))");
        }
        return new LoadedFunction(function, generation, HandlerClass.of(type));
    }
}
