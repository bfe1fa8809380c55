package dev.faasjvm.runtime.async;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The journal's record format: each change is {@code [length][crc32][tag, fields]}, big-endian,
 * strings as UTF-8 with their length. The checksum lets a reader tell a record cut short by a
 * crash (the tail of the file) from a whole one. Stateless.
 */
final class JournalCodec {
    /** A record longer than this is damage, not data. */
    static final int MAX_RECORD = Integer.MAX_VALUE - 64;
    private static final byte ENQUEUED = 1;
    private static final byte ATTEMPTED = 2;
    private static final byte DONE = 3;
    private static final byte DEAD = 4;
    private static final byte REPLAYED = 5;
    private static final byte FORGOTTEN = 6;

    private JournalCodec() {
    }

    /** One change as a whole record, framing included. */
    static byte[] encode(JournalChange change) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(change instanceof JournalChange.Enqueued e
                ? e.call().body().length + 256 : 32);
        try (DataOutputStream out = new DataOutputStream(payload)) {
            writeChange(out, change);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] bytes = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        byte[] record = new byte[bytes.length + 8];
        putInt(record, 0, bytes.length);
        putInt(record, 4, (int) crc.getValue());
        System.arraycopy(bytes, 0, record, 8, bytes.length);
        return record;
    }

    /** A change read back, and how many bytes of the journal it took. */
    record Read(JournalChange change, int size) {
    }

    /**
     * The next change of a journal, or {@code null} at its clean end or at a record cut short or
     * damaged (everything from there on is discarded: it was never acknowledged).
     *
     * @throws IOException if the stream fails, or a whole record holds a change this version does
     *     not know (written by a newer one)
     */
    static Read read(DataInputStream in, long remaining) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 1 || length > MAX_RECORD || length > remaining - 8) { // damage, or a record cut short
            return null;
        }
        int expected = in.readInt();
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != expected) {
            return null;
        }
        return new Read(readChange(new DataInputStream(new ByteArrayInputStream(payload))), length + 8);
    }

    private static void writeChange(DataOutputStream out, JournalChange change) throws IOException {
        if (change instanceof JournalChange.Enqueued enqueued) {
            out.writeByte(ENQUEUED);
            writeCall(out, enqueued.call());
        } else if (change instanceof JournalChange.Attempted attempted) {
            out.writeByte(ATTEMPTED);
            out.writeLong(attempted.seq());
            out.writeInt(attempted.attempts());
        } else if (change instanceof JournalChange.Done done) {
            out.writeByte(DONE);
            out.writeLong(done.seq());
        } else if (change instanceof JournalChange.Dead dead) {
            out.writeByte(DEAD);
            DeadLetter letter = dead.letter();
            writeCall(out, letter.call());
            out.writeInt(letter.lastStatus());
            writeString(out, letter.bodyExcerpt());
            writeString(out, letter.reason());
            out.writeLong(letter.deadMillis());
        } else if (change instanceof JournalChange.Replayed replayed) {
            out.writeByte(REPLAYED);
            out.writeLong(replayed.seq());
        } else if (change instanceof JournalChange.Forgotten forgotten) {
            out.writeByte(FORGOTTEN);
            out.writeLong(forgotten.seq());
        }
    }

    private static JournalChange readChange(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case ENQUEUED:
                return new JournalChange.Enqueued(readCall(in));
            case ATTEMPTED:
                return new JournalChange.Attempted(in.readLong(), in.readInt());
            case DONE:
                return new JournalChange.Done(in.readLong());
            case DEAD:
                return new JournalChange.Dead(new DeadLetter(readCall(in), in.readInt(), readString(in),
                        readString(in), in.readLong()));
            case REPLAYED:
                return new JournalChange.Replayed(in.readLong());
            case FORGOTTEN:
                return new JournalChange.Forgotten(in.readLong());
            default:
                throw new IOException("Unknown journal record tag " + tag);
        }
    }

    private static void writeCall(DataOutputStream out, AsyncCall call) throws IOException {
        out.writeLong(call.seq());
        writeString(out, call.callId());
        writeString(out, call.name());
        writeString(out, call.namespace());
        writeString(out, call.method());
        writeString(out, call.path());
        writeString(out, call.rawQuery());
        out.writeInt(call.headers().size());
        for (Map.Entry<String, List<String>> header : call.headers().entrySet()) {
            writeString(out, header.getKey());
            out.writeInt(header.getValue().size());
            for (String value : header.getValue()) {
                writeString(out, value);
            }
        }
        out.writeInt(call.body().length);
        out.write(call.body());
        writeString(out, call.callbackUrl());
        out.writeLong(call.enqueuedMillis());
        out.writeInt(call.attempts());
    }

    private static AsyncCall readCall(DataInputStream in) throws IOException {
        long seq = in.readLong();
        String callId = readString(in);
        String name = readString(in);
        String namespace = readString(in);
        String method = readString(in);
        String path = readString(in);
        String query = readString(in);
        int headerCount = in.readInt();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerCount; i++) {
            String header = readString(in);
            int valueCount = in.readInt();
            List<String> values = new ArrayList<>(valueCount);
            for (int j = 0; j < valueCount; j++) {
                values.add(readString(in));
            }
            headers.put(header, values);
        }
        byte[] body = readBytes(in);
        return new AsyncCall(seq, callId, name, namespace, method, path, query, headers, body, readString(in),
                in.readLong(), in.readInt());
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("Negative length " + length + " in a journal record");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
