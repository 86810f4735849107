package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionListener;
import dev.sluice.connection.ConnectionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** core-connection's README. */
class CoreConnectionSnippetsTest {

    @Test
    void theReadmeConnectsChecksAndClosesThePool() throws SQLException {
        ConnectionConfig env = Snippets.freshEnvDatabase();
        readme();
        assertThat(Files.exists(Path.of(env.database()))).isTrue();
    }

    static void readme() throws SQLException {
        // tag::readme[]
        ConnectionConfig config = ConnectionConfig.fromEnv();          // DATABASE_URL=postgres://app@127.0.0.1/app
        try (ConnectionManager db = ConnectionManager.connect(config)) {
            db.addListener(new ConnectionListener() {
                @Override public void onDegraded(Throwable cause) { alert(cause); }
            });
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            System.out.println(db.health() + " " + db.poolStats().summary());
            System.out.println("usage p99, last minute: " + db.poolStats().recent().usage().p99());
        }                                                               // close() drains in-flight work, then closes
        // end::readme[]
    }

    static void alert(Throwable cause) {
        throw new AssertionError("the database degraded during the snippet", cause);
    }
}
