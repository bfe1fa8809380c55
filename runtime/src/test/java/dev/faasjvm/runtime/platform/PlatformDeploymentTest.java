package dev.faasjvm.runtime.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PlatformDeploymentTest {
    @ParameterizedTest(name = "\"{0}\" -> {1} MiB")
    @CsvSource(delimiter = '|', value = {
        "128Mi|128",
        "1Gi|1024",
        "512M|489",
        "1G|954",
        "268435456|256",
        "0.5Gi|512",
        "''|128",
        "lots|128",
        "0|128"})
    void of_kubernetesMemoryQuantity_isMebibytesForLambdasContext(String limit, int megabytes) {
        assertEquals(megabytes, PlatformDeployment.of("f", 1, limit).memoryLimitMb());
    }
}
