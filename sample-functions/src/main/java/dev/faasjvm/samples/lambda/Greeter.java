package dev.faasjvm.samples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/**
 * A POJO handler named as {@code dev.faasjvm.samples.lambda.Greeter::greet}. Of its overloads,
 * Lambda calls {@code greet(Map, Context)}: the longest signature, ending with a {@code Context}.
 */
public class Greeter {

    /** What {@link #greet(Map, Context)} answers; Lambda writes it as JSON. */
    public static class Greeting {
        private final String message;
        private final String path;

        public Greeting(String message, String path) {
            this.message = message;
            this.path = path;
        }

        public String getMessage() {
            return message;
        }

        public String getPath() {
            return path;
        }
    }

    public Greeting greet(Map<String, Object> event, Context context) {
        @SuppressWarnings("unchecked")
        Map<String, String> query = (Map<String, String>) event.get("queryStringParameters");
        String name = query == null ? "World" : query.getOrDefault("name", "World");
        return new Greeting("Hello, " + name + "!", (String) event.get("rawPath"));
    }

    public Greeting greet(Map<String, Object> event) {
        throw new IllegalStateException("Lambda prefers greet(Map, Context)");
    }

    public String greet() {
        throw new IllegalStateException("Lambda prefers greet(Map, Context)");
    }
}
