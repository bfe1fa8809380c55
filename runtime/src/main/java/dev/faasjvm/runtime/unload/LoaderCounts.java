package dev.faasjvm.runtime.unload;

/**
 * What became of one function's retired class loaders.
 *
 * @param retired loaders retired so far (one per deleted or replaced generation, or failed deploy)
 * @param unloaded those the garbage collector has freed
 * @param leaked those still reachable after two full collections: each is a leak
 */
public record LoaderCounts(int retired, int unloaded, int leaked) {
    static final LoaderCounts NONE = new LoaderCounts(0, 0, 0);

    /** Retired loaders awaiting a verdict. */
    public int pending() {
        return retired - unloaded - leaked;
    }

    LoaderCounts plusRetired() {
        return new LoaderCounts(retired + 1, unloaded, leaked);
    }

    LoaderCounts plusUnloaded() {
        return new LoaderCounts(retired, unloaded + 1, leaked);
    }

    LoaderCounts plusLeaked() {
        return new LoaderCounts(retired, unloaded, leaked + 1);
    }
}
