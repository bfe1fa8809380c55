package dev.faasjvm.runtime.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.api.FunctionHandler;
import dev.faasjvm.api.FunctionRequest;
import dev.faasjvm.api.FunctionResponse;
import dev.faasjvm.runtime.Provider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The README's "Test a function with JUnit 5" example, kept compiling and passing. */
@FaasJvmTest
@DeployClass(name = "hello", value = ReadmeExampleTest.Hello.class)
final class ReadmeExampleTest {
    @Test
    void hello_withoutName_greetsTheWorld(Provider faas) {
        assertEquals("Hello, world!", faas.invoke("hello", "").bodyAsString());
    }

    @Test
    void hello_overHttpWithName_greetsIt(Provider faas) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(faas.uri("/function/hello?name=you")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("Hello, you!", response.body());
    }

    /** The README's "Write a function" example. */
    public static final class Hello implements FunctionHandler {
        @Override
        public FunctionResponse handle(FunctionRequest request) {
            return FunctionResponse.ok("Hello, " + request.queryParameter("name").orElse("world") + "!");
        }
    }
}
