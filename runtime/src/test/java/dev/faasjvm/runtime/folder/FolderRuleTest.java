package dev.faasjvm.runtime.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasjvm.runtime.folder.FolderRule.Action;
import dev.faasjvm.runtime.folder.FolderRule.Decision;
import dev.faasjvm.runtime.folder.SharedFolders.Entry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule several nodes' functions folders share one state by, decided from what each node sees. */
final class FolderRuleTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aJarWhoseFunctionDoesNotExist_deploysIt() {
        assertEquals(Action.CREATE, FolderRule.onJar("n1", "f", jar("a", T), Optional.empty(), false).action());
    }

    @Test
    void aFunctionFromTheApi_isLeftAlone_andTheReasonNamesIt() {
        Decision decision = FolderRule.onJar("n1", "f", jar("a", T), Optional.of(new Entry("x.jar", Map.of(), 7)),
                false);

        assertEquals(Action.KEEP, decision.action());
        assertTrue(decision.reason().contains("function \"f\" was deployed or updated through the API"),
                decision.reason());
    }

    @Test
    void theBytesItRunsAlready_writeNothing_whicheverNodeWroteThem() {
        Decision decision = FolderRule.onJar("n1", "f", jar("a", T.plusSeconds(60)), stored("n2", "a", T), true);

        assertEquals(Decision.keep(""), decision);
    }

    @Test
    void otherBytes_replaceTheFunction_whenThisNodesFolderIsItsSource_evenIfOlder() {
        assertEquals(Action.REPLACE, FolderRule.onJar("n1", "f", jar("b", T.minusSeconds(60)), stored("n1", "a", T),
                false).action());
    }

    @Test
    void otherBytes_ofAnotherNode_replaceItOnlyWhenNewer_tiesGoingToTheNodeNameFirstInOrder() {
        assertEquals(Action.REPLACE, FolderRule.onJar("n1", "f", jar("b", T.plusSeconds(1)), stored("n2", "a", T),
                false).action());
        assertEquals(Action.KEEP, FolderRule.onJar("n1", "f", jar("b", T.minusSeconds(1)), stored("n2", "a", T),
                false).action());
        assertEquals(Action.REPLACE, FolderRule.onJar("n1", "f", jar("b", T), stored("n2", "a", T), false).action());
        Decision older = FolderRule.onJar("n3", "f", jar("b", T), stored("n2", "a", T), false);
        assertEquals(Action.KEEP, older.action());
        assertTrue(older.reason().contains("node n2's functions folder provides another f.jar"), older.reason());
    }

    @Test
    void aJarGoneFromItsSourcesFolder_deletesTheFunction_unlessALiveNodesFolderProvidesIt() {
        assertEquals(Action.DELETE, FolderRule.onGone("n1", stored("n1", "a", T), Map.of()).action());

        Decision handed = FolderRule.onGone("n1", stored("n1", "a", T), Map.of("n3", jar("c", T),
                "n2", jar("b", T.plusSeconds(5))));

        assertEquals(new Decision(Action.HAND_OVER, "", "n2"), handed, "the newest JAR's node");
    }

    @Test
    void aJarGoneFromAnotherFolderThanTheSources_orFromAnApiFunctionsNode_changesNothing() {
        assertEquals(Action.KEEP, FolderRule.onGone("n2", stored("n1", "a", T), Map.of()).action());
        assertEquals(Action.KEEP, FolderRule.onGone("n1", Optional.of(new Entry("x.jar", Map.of(), 3)), Map.of())
                .action());
        assertEquals(Action.KEEP, FolderRule.onGone("n1", Optional.empty(), Map.of()).action());
    }

    private static FolderJar jar(String sha, Instant modified) {
        return new FolderJar(sha, modified, "/folder/f.jar");
    }

    private static Optional<Entry> stored(String node, String sha, Instant modified) {
        return Optional.of(new Entry("/copies/f.jar", Map.of(FunctionsFolder.SOURCE_ANNOTATION, "/" + node + "/f.jar",
                FunctionsFolder.NODE_ANNOTATION, node, FunctionsFolder.SHA256_ANNOTATION, sha,
                FunctionsFolder.MODIFIED_ANNOTATION, modified.toString()), 5));
    }
}
