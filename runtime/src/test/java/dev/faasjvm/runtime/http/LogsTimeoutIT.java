package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faasjvm.runtime.testing.Awaits;
import dev.faasjvm.runtime.testing.LogFollower;
import dev.faasjvm.runtime.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A log stream that follows ends when the provider's write timeout has passed. */
final class LogsTimeoutIT {
    @RegisterExtension
    final TestServer server = TestServer.withOptions("--write-timeout", "1s");

    @Test
    void follow_endsAtTheWriteTimeout_andFreesItsSubscription() throws Exception {
        server.deploy("printer", "printer");

        try (LogFollower follower = LogFollower.open(server, "name=printer&follow=true")) {
            assertEquals(200, follower.response().statusCode());

            Awaits.atMost(Duration.ofSeconds(20)).until(follower::hasEnded);
        }
        Awaits.atMost(Duration.ofSeconds(20)).until(() -> server.logFollowers("printer") == 0);
    }
}
