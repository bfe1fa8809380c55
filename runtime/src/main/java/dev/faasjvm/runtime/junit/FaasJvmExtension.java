package dev.faasjvm.runtime.junit;

import dev.faasjvm.runtime.Provider;
import dev.faasjvm.runtime.ProviderConfig;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Starts a faas-jvm for a test class or for each test, deploys what {@link DeployJar} and
 * {@link DeployClass} name, injects the {@link Provider}, and closes it afterwards. Register it by
 * annotating the class with {@link FaasJvmTest}, or as a field:
 * {@code @RegisterExtension static final FaasJvmExtension faas = FaasJvmExtension.create();} (a
 * static field means one runtime per class, an instance field one per test) and reach the
 * runtime through {@link #provider()}. Keeps each runtime in the JUnit context it belongs to.
 */
public final class FaasJvmExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaasJvmExtension.class);
    private static final String RUNNING = "running";

    private final UnaryOperator<ProviderConfig.Builder> configure;
    private volatile RunningProvider current;

    /** For {@link FaasJvmTest} and {@code @ExtendWith}: every setting from the annotation. */
    public FaasJvmExtension() {
        this(UnaryOperator.identity());
    }

    private FaasJvmExtension(UnaryOperator<ProviderConfig.Builder> configure) {
        this.configure = configure;
    }

    /** An extension for {@code @RegisterExtension}, with the defaults of {@link FaasJvmTest}. */
    public static FaasJvmExtension create() {
        return new FaasJvmExtension();
    }

    /**
     * An extension for {@code @RegisterExtension} whose runtimes get these settings on top of the
     * defaults, e.g. {@code create(config -> config.set("FAAS_JVM_MAX_INFLIGHT", "1"))}.
     */
    public static FaasJvmExtension create(UnaryOperator<ProviderConfig.Builder> configure) {
        return new FaasJvmExtension(Objects.requireNonNull(configure, "configure"));
    }

    /**
     * The runtime of the running test (or the last one started), for an extension registered as a
     * field.
     *
     * @throws IllegalStateException outside a test
     */
    public Provider provider() {
        RunningProvider running = current;
        if (running == null) {
            throw new IllegalStateException("No faas-jvm is running: provider() is available during a test");
        }
        return running.provider();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (lifecycle(context) != FaasJvmTest.Lifecycle.PER_CLASS) {
            return;
        }
        RunningProvider running = start(context, context.getRequiredTestClass());
        injectFields(null, context.getRequiredTestClass(), running.provider(), true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        RunningProvider running = running(context).orElse(null);
        if (running == null) {
            running = start(context, context.getRequiredTestMethod());
        } else if (!deployments(context.getRequiredTestMethod()).isEmpty()) {
            // Name the fix for the way this class uses the extension: the annotation, or a static field.
            String fix = annotation(context).isPresent()
                    ? "drop lifecycle = PER_CLASS from @FaasJvmTest (the default starts one runtime per test)"
                    : "make the @RegisterExtension field an instance field, not static (one runtime per test)";
            throw new ExtensionConfigurationException("@DeployJar and @DeployClass on test method "
                    + context.getRequiredTestMethod().getName() + " deploy for that test only, but this class"
                    + " shares one runtime across its tests: " + fix + ", or move them to the class");
        }
        current = running;
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance, instance.getClass(), running.provider(), false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Provider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).orElseThrow(() -> new ExtensionConfigurationException("No faas-jvm is running"
                + " for " + parameter.getDeclaringExecutable() + "; a per-test runtime starts only before each test"))
                .provider();
    }

    private RunningProvider start(ExtensionContext context, AnnotatedElement testElement) throws Exception {
        Optional<FaasJvmTest> annotation = annotation(context);
        RunningProvider running = RunningProvider.start(builder -> configure.apply(
                withSettings(builder, annotation.map(FaasJvmTest::settings).orElse(new String[0]))),
                annotation.map(FaasJvmTest::tempStateDir).orElse(false));
        context.getStore(NAMESPACE).put(RUNNING, running);
        current = running;
        try {
            running.deploy(deployments(context.getRequiredTestClass()));
            if (testElement != context.getRequiredTestClass()) {
                running.deploy(deployments(testElement));
            }
        } catch (RuntimeException | Error e) {
            stop(context);
            throw e;
        }
        return running;
    }

    /** Closes the runtime this context started, if it started one; a parent's stays running. */
    private void stop(ExtensionContext context) throws Exception {
        RunningProvider running = context.getStore(NAMESPACE).remove(RUNNING, RunningProvider.class);
        if (running != null) {
            if (current == running) {
                current = null;
            }
            running.close();
        }
    }

    private static Optional<RunningProvider> running(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(RUNNING, RunningProvider.class));
    }

    /**
     * Per class when the annotation says so, or when registered on a static field: JUnit calls
     * {@code beforeAll} only on extensions registered for the class, never on instance fields.
     */
    private FaasJvmTest.Lifecycle lifecycle(ExtensionContext context) {
        return annotation(context).map(FaasJvmTest::lifecycle).orElse(FaasJvmTest.Lifecycle.PER_CLASS);
    }

    private static Optional<FaasJvmTest> annotation(ExtensionContext context) {
        return context.getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, FaasJvmTest.class));
    }

    private static ProviderConfig.Builder withSettings(ProviderConfig.Builder builder, String[] settings) {
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException("@FaasJvmTest setting \"" + setting
                        + "\" must be NAME=value, e.g. FAAS_JVM_MAX_INFLIGHT=4");
            }
            builder.set(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return builder;
    }

    private static List<Object> deployments(AnnotatedElement element) {
        List<Object> all = new java.util.ArrayList<>();
        all.addAll(AnnotationSupport.findRepeatableAnnotations(element, DeployJar.class));
        all.addAll(AnnotationSupport.findRepeatableAnnotations(element, DeployClass.class));
        return all;
    }

    private static void injectFields(Object instance, Class<?> type, Provider provider, boolean statics)
            throws IllegalAccessException {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(type, InjectProvider.class,
                field -> Modifier.isStatic(field.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (field.getType() != Provider.class || Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@InjectProvider field " + field
                        + " must be a non-final field of type " + Provider.class.getName());
            }
            field.setAccessible(true);
            field.set(instance, provider);
        }
    }
}
