package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ApiOnlyClassLoaderTest {
    private final ApiOnlyClassLoader loader = new ApiOnlyClassLoader();

    @Test
    void loadClass_apiType_isTheRuntimesOwnClass() throws ClassNotFoundException {
        assertSame(FunctionHandler.class, loader.loadClass(FunctionHandler.class.getName()));
        assertSame(FunctionResponse.class, loader.loadClass(FunctionResponse.class.getName()));
    }

    @Test
    void loadClass_jdkType_comesFromThePlatform() throws ClassNotFoundException {
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(java.sql.Driver.class, loader.loadClass("java.sql.Driver"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dev.faasjvm.runtime.Main",
        "dev.faasjvm.runtime.loader.ApiOnlyClassLoader",
        "dev.faasjvm.api.internal.Hidden",
        "dev.faasjvm.apix.Lookalike",
        "org.eclipse.jetty.server.Server",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "com.github.benmanes.caffeine.cache.Caffeine",
        "io.github.classgraph.ClassGraph",
        "org.junit.jupiter.api.Test"})
    void loadClass_anythingElseOfTheRuntime_isInvisible(String name) {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(name));
    }

    @Test
    void getResource_runtimeResource_isInvisible() {
        assertNull(loader.getResource("faas-jvm-version.properties"));
        assertNull(loader.getResource("jetty-logging.properties"));
    }
}
