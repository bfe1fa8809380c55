package dev.faasjvm.runtime.platform;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a platform's context tells a function about its deployment beyond faas-jvm's own
 * {@code FunctionContext}. Immutable.
 *
 * @param function the function's name
 * @param generation the deployed generation's number, which AWS Lambda calls the version
 * @param memoryLimitMb the deployment's {@code limits.memory} in MiB, or {@link #DEFAULT_MEMORY_MB}
 */
public record PlatformDeployment(String function, int generation, int memoryLimitMb) {
    /** AWS Lambda's own default memory size, reported when the deployment sets no memory limit. */
    public static final int DEFAULT_MEMORY_MB = 128;
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([KMGTE]i?|k|m)?");

    public PlatformDeployment {
        Objects.requireNonNull(function, "function");
    }

    /**
     * A deployment whose memory limit is a Kubernetes quantity, as OpenFaaS writes {@code limits.memory}
     * ({@code 128Mi}, {@code 1G}, {@code 268435456}); empty or unreadable gives the default.
     */
    public static PlatformDeployment of(String function, int generation, String memoryLimit) {
        return new PlatformDeployment(function, generation, megabytes(memoryLimit));
    }

    static int megabytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity == null ? "" : quantity.strip());
        if (!matcher.matches()) {
            return DEFAULT_MEMORY_MB;
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        double bytes = value * multiplier(unit);
        long mb = (long) Math.ceil(bytes / (1024 * 1024));
        return mb < 1 ? DEFAULT_MEMORY_MB : (int) Math.min(mb, Integer.MAX_VALUE);
    }

    private static double multiplier(String unit) {
        if (unit.equals("m")) {
            return 0.001; // Kubernetes' milli: 1000m is one byte
        }
        if (unit.isEmpty()) {
            return 1;
        }
        int power = "KMGTE".indexOf(unit.toUpperCase(Locale.ROOT).charAt(0)) + 1;
        return Math.pow(unit.endsWith("i") ? 1024 : 1000, power);
    }
}
