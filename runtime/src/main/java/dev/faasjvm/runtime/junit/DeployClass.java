package dev.faasjvm.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deploys a handler class from the test's own class path before the test runs, no JAR needed. The
 * function shares the test's class loader (its classes and static state): it is not isolated as a
 * JAR function is. On a class it applies to every test; on a test method (with
 * {@link FaasJvmTest.Lifecycle#PER_TEST}) to that test only.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(DeployClass.List.class)
public @interface DeployClass {
    /** The function's name. */
    String name();

    /** The handler class: public, implementing {@code FunctionHandler} or {@code java.util.function.Function}. */
    Class<?> value();

    /** Several {@link DeployClass}es on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        /** The classes to deploy. */
        DeployClass[] value();
    }
}
