package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.PostgresInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSL modes against test-owned PostgreSQL servers with TLS on, using a CA and server certificates made for the
 * test: one certificate names the host connected to (127.0.0.1), the other names another host.
 */
class SslIT {
    @TempDir
    static Path dir;
    static PostgresInstance pg;
    static PostgresInstance wrongHost;

    static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @BeforeAll
    static void start() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Sluice Test CA", "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA", "-keyout", "other.key", "-out", "other.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "server.crt");
        pg = PostgresInstance.start();
        pg.enableSsl(dir.resolve("server.crt"), dir.resolve("server.key"));
        // signed by the same CA, but for another host
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=db.example.test", "-keyout", "other-host.key", "-out", "other-host.csr");
        Files.writeString(dir.resolve("other-san.ext"), "subjectAltName=DNS:db.example.test\n");
        openssl("x509", "-req", "-in", "other-host.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "other-san.ext", "-out", "other-host.crt");
        wrongHost = PostgresInstance.start();
        wrongHost.enableSsl(dir.resolve("other-host.crt"), dir.resolve("other-host.key"));
    }

    @AfterAll
    static void stop() {
        for (PostgresInstance p : new PostgresInstance[] {pg, wrongHost}) {
            if (p != null) {
                p.close();
            }
        }
    }

    static boolean sessionUsesSsl(SslSettings ssl) throws Exception {
        ConnectionConfig config = pg.server().configFor("postgres").ssl(ssl).pool(p -> p.min(0).max(1)).build();
        try (ConnectionManager m = ConnectionManager.connect(config); Connection c = m.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void disableConnectsInPlainText() throws Exception {
        assertThat(sessionUsesSsl(SslSettings.DISABLED)).isFalse();
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        assertThat(sessionUsesSsl(SslSettings.of(SslMode.REQUIRE))).isTrue();
    }

    @Test
    void verifyCaAndVerifyFullAcceptTheRightRoot() throws Exception {
        assertThat(sessionUsesSsl(new SslSettings(SslMode.VERIFY_CA, dir.resolve("ca.pem")))).isTrue();
        assertThat(sessionUsesSsl(new SslSettings(SslMode.VERIFY_FULL, dir.resolve("ca.pem")))).isTrue();
    }

    @Test
    void verifyCaRejectsACertificateFromAnotherRoot() {
        assertThatThrownBy(() -> sessionUsesSsl(new SslSettings(SslMode.VERIFY_CA, dir.resolve("other.pem"))))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("Cannot connect to PostgreSQL at 127.0.0.1:" + pg.port());
    }

    @Test
    void verifyFullRefusesACertificateForAnotherHostThatVerifyCaAccepts() throws Exception {
        ConnectionConfig.Builder base = wrongHost.server().configFor("postgres").pool(p -> p.min(0).max(1));
        SslSettings ca = new SslSettings(SslMode.VERIFY_CA, dir.resolve("ca.pem"));
        try (ConnectionManager m = ConnectionManager.connect(base.ssl(ca).build())) {
            assertThat(m.isConnected()).as("the certificate is signed by the CA: verify-ca accepts it").isTrue();
        }
        SslSettings full = new SslSettings(SslMode.VERIFY_FULL, dir.resolve("ca.pem"));
        assertThatThrownBy(() -> ConnectionManager.connect(wrongHost.server().configFor("postgres").ssl(full).build()))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("Cannot connect to PostgreSQL at 127.0.0.1:" + wrongHost.port())
                .satisfies(e -> assertThat(everything(e)).containsIgnoringCase("hostname"));
    }

    @Test
    void aUrlCannotDowngradeTheConfiguredVerifyFull() {
        SslSettings full = new SslSettings(SslMode.VERIFY_FULL, dir.resolve("ca.pem"));
        for (String mode : new String[] {"disable", "require"}) {
            String url = "postgres://postgres@127.0.0.1:" + wrongHost.port() + "/postgres?sslmode=" + mode;
            // before the fix pgjdbc let the URL win: "require" connected to the wrong host without a word
            assertThatThrownBy(() -> ConnectionManager.connect(ConnectionConfig.builder().url(url).ssl(full).build()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("TLS is configured twice");
        }
    }

    @Test
    void aUrlAloneDecidesAndIsReportedAsTheSslMode() throws Exception {
        ConnectionConfig c = ConnectionConfig.builder().url("postgres://postgres@127.0.0.1:" + pg.port() + "/postgres?sslmode=require")
                .pool(p -> p.min(0).max(1)).build();
        assertThat(c.ssl().mode()).isEqualTo(SslMode.REQUIRE);
        try (ConnectionManager m = ConnectionManager.connect(c); Connection conn = m.getConnection(); Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void theCliReportsTheRefusalInOneLineAndPgjdbcLogsOnlyWithVerbose() {
        String url = "postgres://postgres@127.0.0.1:" + wrongHost.port() + "/postgres?sslmode=verify-full&sslrootcert=" + dir.resolve("ca.pem");
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.postgresql") && r.getLevel() == java.util.logging.Level.SEVERE) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(handler);
        try {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = dev.sluice.tools.Sluice.run(new String[] {"check", "--url", url}, java.util.Map.of(), new java.io.PrintStream(
                    new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip().lines()).singleElement().asString().startsWith("error: Cannot connect to PostgreSQL");
            assertThat(records).as("pgjdbc's SEVERE log of the hostname check, hidden without --verbose").isEmpty();

            dev.sluice.tools.Sluice.run(new String[] {"check", "--verbose", "--url", url}, java.util.Map.of(), new java.io.PrintStream(
                    new java.io.ByteArrayOutputStream()), new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
            assertThat(records).as("with --verbose it is shown").isNotEmpty();
        } finally {
            root.removeHandler(handler);
        }
    }

    static String everything(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
