package dev.faasjvm.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line on the machine a benchmark ran on: CPU, cores, JDK, and the load average at the start. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String[] load = read("/proc/loadavg").split(" ");
        return "Machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; "
                + System.getProperty("java.vm.name") + " " + Runtime.version() + "; load average at start: "
                + (load.length >= 3 ? load[0] + " " + load[1] + " " + load[2] : "unknown");
    }

    private static String cpu() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
