package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionResponse;
import java.io.IOException;
import java.util.Collections;
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

    // Issue 14: the platforms' APIs are shared package by exact package, parent-first.
    @ParameterizedTest
    @ValueSource(classes = {
        com.openfaas.model.IHandler.class,
        com.openfaas.model.Response.class,
        com.amazonaws.services.lambda.runtime.RequestHandler.class,
        com.amazonaws.services.lambda.runtime.Context.class,
        com.amazonaws.services.lambda.runtime.logging.LogLevel.class,
        com.google.cloud.functions.HttpFunction.class,
        com.google.cloud.functions.HttpRequest.HttpPart.class})
    void loadClass_platformApiType_isTheRuntimesOwnClass(Class<?> type) throws ClassNotFoundException {
        assertSame(type, loader.loadClass(type.getName()));
        assertNotNull(loader.getResource(type.getName().replace('.', '/') + ".class"));
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
        "dev.faasjvm.api.internal.NotShared",
        "dev.faasjvm.api.internal.Hidden",
        "dev.faasjvm.apix.Lookalike",
        "com.openfaas.entrypoint.App",
        "com.openfaas.model.sub.Nothing",
        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
        "com.google.cloud.functions.invoker.runner.Invoker",
        "com.google.Other",
        "org.eclipse.jetty.server.Server",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "com.github.benmanes.caffeine.cache.Caffeine",
        "io.github.classgraph.ClassGraph",
        "org.junit.jupiter.api.Test"})
    void loadClass_anythingElseOfTheRuntime_isInvisible(String name) {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "faas-jvm-version.properties",
        "jetty-logging.properties",
        "META-INF/MANIFEST.MF",
        "META-INF/services/java.sql.Driver",
        "dev/faasjvm/runtime/Main.class",
        "dev/faasjvm/api/internal/NotShared.class",
        "com/github/benmanes/caffeine/cache/Caffeine.class"})
    void getResource_runtimeResource_isInvisible(String name) throws IOException {
        assertNull(loader.getResource(name));
        assertEquals(0, Collections.list(loader.getResources(name)).size());
    }

    @Test
    void getResource_apiClassFileAndJdkClassFile_areVisible() throws IOException {
        assertNotNull(loader.getResource("dev/faasjvm/api/FunctionHandler.class"));
        assertEquals(1, Collections.list(loader.getResources("dev/faasjvm/api/FunctionHandler.class")).size());
        assertNotNull(loader.getResource("java/lang/Object.class"));
    }

    @Test
    void isApiClassFile_comparesWholeFolders() {
        assertEquals("dev.faasjvm.api", ApiOnlyClassLoader.packageOf("dev.faasjvm.api.FunctionHandler"));
        assertFalse(ApiOnlyClassLoader.isApiClassFile("dev/faasjvm/api/internal/NotShared.class"));
        assertFalse(ApiOnlyClassLoader.isApiClassFile("dev/faasjvm/apix/X.class"));
        assertFalse(ApiOnlyClassLoader.isApiClassFile("com/amazonaws/services/lambda/runtime/events/X.class"));
        assertFalse(ApiOnlyClassLoader.isApiClassFile("com/openfaas/X.class"));
        assertFalse(ApiOnlyClassLoader.isApiClassFile("X.class"));
    }
}
