package dev.faasjvm.samples.printer;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import java.io.PrintStream;
import java.util.logging.Logger;

/**
 * Prints lines as its query asks, to show where a function's output goes: {@code lines} lines
 * (default 1) of {@code text} followed by the line number, to {@code stream} {@code out} (default)
 * or {@code err}, or through {@code java.util.logging} with {@code via=log}. With
 * {@code thread=1} a thread the function starts does the printing (the call waits for it); with
 * {@code chars=1} each line is printed one character at a time, to give other threads every chance
 * to cut in. Answers {@code printed N}.
 */
public final class Printer implements FunctionHandler {
    private static final Logger LOG = Logger.getLogger(Printer.class.getName());

    @Override
    public FunctionResponse handle(FunctionRequest request) throws Exception {
        int lines = Integer.parseInt(request.queryParameter("lines").orElse("1"));
        String text = request.queryParameter("text").orElse("line");
        boolean toErr = "err".equals(request.queryParameter("stream").orElse("out"));
        boolean viaLog = "log".equals(request.queryParameter("via").orElse(""));
        boolean byChar = "1".equals(request.queryParameter("chars").orElse(""));
        Runnable print = () -> {
            for (int i = 1; i <= lines; i++) {
                print(text + " " + i, toErr, viaLog, byChar);
            }
        };
        if ("1".equals(request.queryParameter("thread").orElse(""))) {
            Thread thread = new Thread(print, "printer-background");
            thread.start();
            thread.join();
        } else {
            print.run();
        }
        return FunctionResponse.ok("printed " + lines);
    }

    private static void print(String line, boolean toErr, boolean viaLog, boolean byChar) {
        if (viaLog) {
            LOG.info(line);
            return;
        }
        PrintStream stream = toErr ? System.err : System.out;
        if (!byChar) {
            stream.println(line);
            return;
        }
        for (int i = 0; i < line.length(); i++) {
            stream.print(line.charAt(i));
        }
        stream.println();
    }
}
