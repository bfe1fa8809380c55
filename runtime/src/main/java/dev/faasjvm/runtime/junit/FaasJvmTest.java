package dev.faasjvm.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real faas-jvm: started on {@code 127.0.0.1}, port 0,
 * before each test (or once for the class), with what {@link DeployJar} and {@link DeployClass}
 * name deployed, and closed afterwards. Test methods receive it as a
 * {@link dev.faasjvm.runtime.Provider} parameter; fields annotated {@link InjectProvider} are set.
 * Basic auth is off on such a loopback runtime unless {@code basic_auth=true} is among the
 * {@link #settings()}; {@code Provider.credentials()} then tells what to send.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FaasJvmExtension.class)
public @interface FaasJvmTest {
    /** How long one runtime lives. */
    enum Lifecycle {
        /** A fresh runtime for every test: nothing one test deploys or calls is seen by another. */
        PER_TEST,
        /** One runtime for every test of the class: faster, but tests share functions and counters. */
        PER_CLASS
    }

    /** How long one runtime lives; a fresh one per test unless set. */
    Lifecycle lifecycle() default Lifecycle.PER_TEST;

    /**
     * Settings, each {@code NAME=value}, where the name is an option ({@code --max-inflight}) or
     * an environment variable ({@code FAAS_JVM_MAX_INFLIGHT}) as {@code --help} lists them.
     */
    String[] settings() default {};

    /**
     * Whether the runtime keeps its state in a fresh temporary folder (deleted afterwards) rather
     * than in memory only.
     */
    boolean tempStateDir() default false;
}
