package dev.faasjvm.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class ProviderInfoTest {
    @Test
    void write_withVersion_matchesGoldenJson() {
        ProviderInfo info = new ProviderInfo("faas-jvm",
                new VersionInfo("Add wire types", "2dde07c", "0.1.0"), "jvm");

        String json = Json.writeString(info);

        assertEquals("""
                {"provider":"faas-jvm","version":{"commit_message":"Add wire types",\
                "sha":"2dde07c","release":"0.1.0"},"orchestration":"jvm"}""", json);
    }

    @Test
    void write_noVersion_writesVersionNull() {
        ProviderInfo info = new ProviderInfo("faas-jvm", null, "jvm");

        String json = Json.writeString(info);

        assertEquals("""
                {"provider":"faas-jvm","version":null,"orchestration":"jvm"}""", json);
    }

    @Test
    void write_emptyVersionInfo_dropsOnlyCommitMessage() {
        VersionInfo version = new VersionInfo("", "", "");

        String json = Json.writeString(version);

        assertEquals("""
                {"sha":"","release":""}""", json);
    }

    @Test
    void read_writtenInfo_roundTripsToEqualRecord() {
        ProviderInfo info = new ProviderInfo("faas-jvm", new VersionInfo("msg", "abc", "1.0"), "jvm");

        ProviderInfo read = Json.read(Json.write(info), ProviderInfo.class);

        assertEquals(info, read);
    }

    @Test
    void read_gatewayStyleInfo_mapsProviderToNameAndIgnoresArch() {
        byte[] json = """
                {"Provider":"faas-jvm","version":{"SHA":"abc","release":"1.0"},"arch":"x86_64"}"""
                .getBytes(StandardCharsets.UTF_8);

        ProviderInfo info = Json.read(json, ProviderInfo.class);

        assertEquals(new ProviderInfo("faas-jvm", new VersionInfo("", "abc", "1.0"), ""), info);
    }
}
