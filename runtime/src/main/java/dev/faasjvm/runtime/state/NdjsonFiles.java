package dev.faasjvm.runtime.state;

import dev.faasjvm.runtime.wire.Json;
import dev.faasjvm.runtime.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a state file of wire records, one JSON object per line, through
 * {@link AtomicFiles}: a whole file is replaced at once, so a reader sees the old list or the new
 * one. Stateless and thread-safe; writers of one file are serialised by the store that owns it.
 */
final class NdjsonFiles {
    private NdjsonFiles() {
    }

    /** Every record of the file, in order; empty when the file does not exist yet. */
    static <T> List<T> read(Path file, Class<T> type) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read state file " + file, e);
        }
        List<T> records = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(Json.read(lines.get(i).getBytes(StandardCharsets.UTF_8), type));
            } catch (WireFormatException e) {
                throw new IllegalStateException("State file " + file + " line " + (i + 1) + " is not a valid "
                        + type.getSimpleName() + " (" + e.getMessage() + "); restore it from a backup or remove it",
                        e);
            }
        }
        return List.copyOf(records);
    }

    /** Replaces the file with one line per record, durably and atomically. */
    static void write(Path file, List<?> records, boolean ownerOnly) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Object record : records) {
            content.writeBytes(Json.write(record));
            content.write('\n');
        }
        try {
            if (ownerOnly) {
                AtomicFiles.writeOwnerOnly(file, content.toByteArray());
            } else {
                AtomicFiles.write(file, content.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write state file " + file, e);
        }
    }
}
