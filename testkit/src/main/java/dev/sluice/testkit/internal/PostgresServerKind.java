package dev.sluice.testkit.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** PostgreSQL test servers. */
final class PostgresServerKind extends ServerKind {
    PostgresServerKind() {
        super(Vendor.POSTGRESQL);
    }

    @Override
    String envVariable() {
        return "SLUICE_TEST_PG_URL";
    }

    @Override
    String exampleUrl() {
        return "postgres://postgres:secret@127.0.0.1:5432/postgres";
    }

    @Override
    String localUser() {
        return "postgres";
    }

    @Override
    String localStart() {
        return "pg_ctlcluster --skip-systemctl-redirect 15 main start";
    }

    @Override
    String image() {
        return "postgres:15-alpine";
    }

    @Override
    String testcontainersModule() {
        return "org.testcontainers:testcontainers-postgresql";
    }

    @Override
    TestServer startContainer(String image) {
        return Docker.start(vendor(), image);
    }

    /** Counted in {@code pg_stat_activity}. */
    @Override
    public int sessions(Connection admin, String applicationName) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Kept apart so Testcontainers classes load only after the class path check. */
    private static final class Docker {
        static TestServer start(Vendor vendor, String image) {
            var c = new org.testcontainers.postgresql.PostgreSQLContainer(image);
            c.start();
            return new TestServer(vendor, c.getHost(), c.getMappedPort(vendor.defaultPort()), c.getUsername(), c.getPassword(),
                    c.getDatabaseName(), "Testcontainers " + image);
        }
    }
}
