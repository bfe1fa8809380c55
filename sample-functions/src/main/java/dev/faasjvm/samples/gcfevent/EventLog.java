package dev.faasjvm.samples.gcfevent;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Appends what it received, one {@code key=value} per line and a blank line after each event, to the
 * file the env var {@code EVENT_LOG} names: the attributes, each extension ({@code ext.<name>}) and
 * the data as UTF-8. An event of type {@code fail} throws.
 */
public class EventLog implements CloudEventsFunction {
    private static final Logger logger = Logger.getLogger(EventLog.class.getName());

    @Override
    public void accept(CloudEvent event) throws Exception {
        logger.info("Event: " + event.getId());
        if ("fail".equals(event.getType())) {
            throw new IllegalStateException("asked to fail by event " + event.getId());
        }
        StringBuilder seen = new StringBuilder()
                .append("specversion=").append(event.getSpecVersion().toString()).append('\n')
                .append("id=").append(event.getId()).append('\n')
                .append("source=").append(event.getSource()).append('\n')
                .append("type=").append(event.getType()).append('\n')
                .append("subject=").append(event.getSubject()).append('\n')
                .append("time=").append(event.getTime()).append('\n')
                .append("datacontenttype=").append(event.getDataContentType()).append('\n');
        for (String name : new TreeSet<>(event.getExtensionNames())) {
            seen.append("ext.").append(name).append('=').append(event.getExtension(name)).append('\n');
        }
        seen.append("data=").append(event.getData() == null ? "null"
                : new String(event.getData().toBytes(), StandardCharsets.UTF_8)).append("\n\n");
        Files.writeString(Path.of(System.getenv("EVENT_LOG")), seen.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
