package dev.sluice.testkit;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.Admin;
import dev.sluice.testkit.internal.ServerLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Real databases for tests: the entry point of the testkit. A PostgreSQL or MySQL-family server is found, once per JVM,
 * in this order:
 *
 * <ol>
 *   <li>the URL in {@code SLUICE_TEST_PG_URL} / {@code SLUICE_TEST_MYSQL_URL} (any URL form Sluice accepts; the user must
 *       be allowed to create databases);
 *   <li>a local server on 127.0.0.1 (PostgreSQL on 5432 as {@code postgres}, MySQL/MariaDB on 3306 as {@code root},
 *       no password);
 *   <li>a Testcontainers container, when Testcontainers is on the class path and a Docker engine is reachable.
 * </ol>
 *
 * Every call then creates a fresh database with a unique name, so tests never see each other's data. When no server
 * can be found, the call fails with a {@link NoTestDatabaseException} naming the three ways to provide one; it never
 * skips.
 */
public final class TestDatabases {
    private static final Map<Vendor, TestServer> SERVERS = new EnumMap<>(Vendor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private TestDatabases() {}

    /** A fresh database on the PostgreSQL test server. */
    public static TestDatabase postgres() {
        return create(Vendor.POSTGRESQL);
    }

    /** A fresh database on the MySQL-family test server. */
    public static TestDatabase mysql() {
        return create(Vendor.MYSQL);
    }

    /** A fresh SQLite database in a temporary file. */
    public static TestDatabase sqlite() {
        return create(Vendor.SQLITE);
    }

    /** A fresh database of the given vendor. */
    public static TestDatabase create(Vendor vendor) {
        String name = uniqueName();
        if (vendor.embedded()) {
            try {
                Path dir = Files.createTempDirectory("sluice-test-");
                dir.toFile().deleteOnExit();
                Path file = dir.resolve(name + ".db");
                return new TestDatabase(vendor, file.toString(), null, file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for a SQLite test database", e);
            }
        }
        TestServer server = server(vendor);
        Admin.createDatabase(server, name);
        return new TestDatabase(vendor, name, server, null);
    }

    /**
     * The server tests of this vendor use, found once per JVM (see the class comment).
     *
     * @throws NoTestDatabaseException when none can be found
     */
    public static synchronized TestServer server(Vendor vendor) {
        requireServer(vendor);
        TestServer s = SERVERS.get(vendor);
        if (s == null) {
            s = ServerLocator.locate(vendor, System.getenv());
            Admin.dropStaleDatabases(s);
            SERVERS.put(vendor, s);
        }
        return s;
    }

    /**
     * Starts a new Testcontainers container of {@code vendor} ({@code postgres:15-alpine} or {@code mariadb:10.11}),
     * whatever server the environment offers; Testcontainers stops it when the JVM exits. For tools that need a
     * private server, such as the Maven plugin's code generation.
     *
     * @throws NoTestDatabaseException when Testcontainers is not on the class path or no Docker engine answers
     */
    public static TestServer startContainer(Vendor vendor) {
        requireServer(vendor);
        return ServerLocator.container(vendor);
    }

    private static void requireServer(Vendor vendor) {
        if (vendor.embedded()) {
            throw new IllegalArgumentException(vendor.displayName() + " has no server; use TestDatabases.create(Vendor." + vendor.name() + ")");
        }
    }

    /** {@code sluice_t_<yyMMddHHmmss>_<random>}: sortable by age so stale ones from crashed runs can be dropped. */
    static String uniqueName() {
        StringBuilder sb = new StringBuilder("sluice_t_").append(LocalDateTime.now().format(STAMP)).append('_');
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
