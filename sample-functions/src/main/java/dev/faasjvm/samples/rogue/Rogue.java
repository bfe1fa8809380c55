package dev.faasjvm.samples.rogue;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Does, on request, what one function must not do to a JVM it shares: {@code ?do=} names the
 * act, and the answer says what the function saw. The runtime's containment keeps every act to
 * this function. Plain text answers; the sample bundles no library.
 */
public final class Rogue implements FunctionHandler {
    /** What the function's own uncaught-exception handler saw. */
    private final List<String> uncaught = new ArrayList<>();
    private final ByteArrayOutputStream ownOut = new ByteArrayOutputStream();

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        String act = request.queryParameter("do").orElse("");
        int code = Integer.parseInt(request.queryParameter("code").orElse("3"));
        String key = request.queryParameter("key").orElse("");
        String value = request.queryParameter("value").orElse("");
        switch (act) {
            case "exit" -> System.exit(code);
            case "runtime-exit" -> Runtime.getRuntime().exit(code);
            case "halt" -> Runtime.getRuntime().halt(code);
            case "exit-reference" -> {
                IntConsumer exit = System::exit;
                exit.accept(code);
            }
            case "halt-reference" -> {
                IntConsumer halt = Runtime.getRuntime()::halt;
                halt.accept(code);
            }
            case "exit-in-thread" -> {
                return text(inThread(() -> System.exit(code)));
            }
            case "set-out" -> {
                System.setOut(new PrintStream(ownOut, true, StandardCharsets.UTF_8));
                System.out.println(value);
                return text(ownOut.toString(StandardCharsets.UTF_8));
            }
            case "print" -> {
                System.out.println(value);
                return text("printed");
            }
            case "getenv" -> {
                return text(key.isEmpty() ? lines(new TreeMap<>(System.getenv())) : String.valueOf(System.getenv(key)));
            }
            case "set-property" -> {
                System.setProperty(key, value);
                return text(String.valueOf(System.getProperty(key)));
            }
            case "get-property" -> {
                return text(System.getProperty(key) + " " + System.getProperties().getProperty(key));
            }
            case "set-defaults" -> {
                Locale.setDefault(Locale.forLanguageTag(value));
                TimeZone.setDefault(TimeZone.getTimeZone(key));
                return text(defaults());
            }
            case "defaults" -> {
                return text(defaults());
            }
            case "add-hook" -> {
                Path file = Path.of(value);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> write(file, "hook ran")));
                return text("hook added");
            }
            case "set-uncaught-handler" -> {
                Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
                    synchronized (uncaught) {
                        uncaught.add(thread.getName() + ": " + failure.getMessage());
                    }
                });
                return text(String.valueOf(Thread.getDefaultUncaughtExceptionHandler() != null));
            }
            case "throw-in-thread" -> {
                Thread thread = new Thread(() -> {
                    throw new IllegalStateException(value);
                }, "rogue-thrower");
                thread.start();
                thread.join();
                synchronized (uncaught) {
                    return text(String.join("\n", uncaught));
                }
            }
            case "burn" -> {
                return text(Long.toString(burn(Long.parseLong(value))));
            }
            case "allocate" -> {
                return text(Integer.toString(allocate(Long.parseLong(value))));
            }
            default -> {
                return FunctionResponse.of(400, ("unknown act \"" + act + "\"").getBytes(StandardCharsets.UTF_8));
            }
        }
        return text("still running after " + act);
    }

    /** Runs {@code action} on a thread of the function's own and tells how that thread ended. */
    private static String inThread(Runnable action) throws InterruptedException {
        List<Throwable> ended = new ArrayList<>();
        Thread thread = new Thread(action, "rogue-exiter");
        thread.setUncaughtExceptionHandler((t, failure) -> ended.add(failure));
        thread.start();
        thread.join();
        return ended.isEmpty() ? "thread returned" : "thread ended with " + ended.get(0).getClass().getSimpleName();
    }

    private static String defaults() {
        return Locale.getDefault().toLanguageTag() + " " + "i".toUpperCase(Locale.getDefault()) + " "
                + TimeZone.getDefault().getID() + " " + ZoneId.systemDefault();
    }

    /** Spins until this thread has used {@code millis} of CPU time, however busy the machine is. */
    private static long burn(long millis) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            spins++;
        }
        return spins;
    }

    /** Allocates {@code bytes} in 1 MiB arrays, touching each so none is optimised away. */
    private static int allocate(long bytes) {
        int sum = 0;
        for (long left = bytes; left > 0; left -= 1 << 20) {
            byte[] chunk = new byte[(int) Math.min(left, 1 << 20)];
            chunk[chunk.length - 1] = 1;
            sum += chunk[chunk.length - 1];
        }
        return sum;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lines(Map<String, String> map) {
        StringBuilder text = new StringBuilder();
        map.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static FunctionResponse text(String body) {
        return FunctionResponse.of(200, body.getBytes(StandardCharsets.UTF_8));
    }
}
