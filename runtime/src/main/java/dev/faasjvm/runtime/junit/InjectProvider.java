package dev.faasjvm.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link dev.faasjvm.runtime.Provider} that the extension sets to the running
 * runtime: an instance field before each test, a static field before all tests of a
 * {@link FaasJvmTest.Lifecycle#PER_CLASS} class.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectProvider {
}
