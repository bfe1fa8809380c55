package dev.faasjvm.runtime.state;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StateDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void open_missingDirectory_createsAndLocksIt() throws Exception {
        Path dir = parent.resolve("state");

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertTrue(Files.isDirectory(state.path()));
            assertTrue(Files.exists(dir.resolve(StateDirectory.LOCK_FILE)));
        }
    }

    @Test
    void open_directoryAlreadyOpen_failsNamingIt() throws Exception {
        try (StateDirectory first = StateDirectory.open(parent)) {
            StateDirectoryException e = assertThrows(StateDirectoryException.class, () -> StateDirectory.open(parent));

            assertTrue(e.getMessage().contains(parent.toString()), e.getMessage());
        }
    }

    @Test
    void open_afterClose_succeedsAgain() throws Exception {
        StateDirectory.open(parent).close();

        StateDirectory.open(parent).close();
    }

    @Test
    void open_pathUnderAFile_failsNamingIt() throws Exception {
        Path file = Files.writeString(parent.resolve("file"), "x");

        StateDirectoryException e = assertThrows(StateDirectoryException.class,
                () -> StateDirectory.open(file.resolve("state")));

        assertTrue(e.getMessage().contains("cannot be created"), e.getMessage());
    }
}
