package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice studio}: its help, and its refusals as one line with exit 2 (the server itself: the studio module's tests). */
class StudioCliTest {
    @Test
    void answersHelp() {
        SluiceCliTest.Result r = SluiceCliTest.run("studio", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--port").contains("--write").contains("127.0.0.1").contains("token");
    }

    @Test
    void aTakenPortIsBadInputNamingThePort(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            SluiceCliTest.Result r = SluiceCliTest.run("studio", "--url", "sqlite:" + dir.resolve("s.db"), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("error: ").contains("port").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        SluiceCliTest.Result r = SluiceCliTest.run("studio", "--url", "sqlite::memory:", "--port", "70000");
        assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(r.err()).contains("port").contains("70000").contains("0 to 65535");
    }
}
