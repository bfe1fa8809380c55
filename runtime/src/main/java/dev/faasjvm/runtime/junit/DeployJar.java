package dev.faasjvm.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deploys a function JAR before the test runs, in its own isolated class loader, as
 * {@code POST /system/functions} would. On a class it applies to every test; on a test method (with
 * {@link FaasJvmTest.Lifecycle#PER_TEST}) to that test only.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(DeployJar.List.class)
public @interface DeployJar {
    /** The function's name. */
    String name();

    /**
     * The JAR: a path (relative to the working directory) or a {@code file:} URL; {@code ${name}}
     * is replaced by the system property {@code name}, e.g. {@code ${functions.dir}/echo.jar}.
     */
    String path();

    /** Several {@link DeployJar}s on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        /** The JARs to deploy. */
        DeployJar[] value();
    }
}
