package dev.sluice.testkit;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.Admin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh, empty database that belongs to one test: a uniquely named database on a PostgreSQL or MySQL-family server,
 * or a temporary SQLite file. {@link #close()} closes the managers opened through it and drops the database.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabases.postgres()) {
 *     ConnectionManager m = db.connect();
 *     ...
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    private final Vendor vendor;
    private final String name;
    private final TestServer server;
    private final Path sqliteFile;
    private final List<ConnectionManager> opened = new ArrayList<>();

    TestDatabase(Vendor vendor, String name, TestServer server, Path sqliteFile) {
        this.vendor = vendor;
        this.name = name;
        this.server = server;
        this.sqliteFile = sqliteFile;
    }

    /** The vendor. */
    public Vendor vendor() {
        return vendor;
    }

    /** The database name (SQLite: the file path). */
    public String name() {
        return name;
    }

    /** The server the database lives on; {@code null} for SQLite. */
    public TestServer server() {
        return server;
    }

    /** The SQLite file, or {@code null}. */
    public Path sqliteFile() {
        return sqliteFile;
    }

    /**
     * A URL of this database without the password ({@code postgres://postgres@127.0.0.1:5432/sluice_t_...} or
     * {@code sqlite:/tmp/...db}); pair it with {@link #password()}.
     */
    public String url() {
        return server == null ? "sqlite:" + sqliteFile : server.urlFor(name);
    }

    /** The password for {@link #url()}, or {@code null}. */
    public String password() {
        return server == null ? null : server.password();
    }

    /** A config builder for this database, to adjust pool or health settings before building. */
    public ConnectionConfig.Builder configBuilder() {
        return server == null ? ConnectionConfig.builder().url(url()) : server.configFor(name);
    }

    /** A config for this database with the defaults of {@link #configBuilder()}. */
    public ConnectionConfig config() {
        return configBuilder().build();
    }

    /** Connects a manager to this database; it is shut down when this database is closed. */
    public ConnectionManager connect() {
        return connect(config());
    }

    /** Connects a manager with the given config; it is shut down when this database is closed. */
    public synchronized ConnectionManager connect(ConnectionConfig config) {
        ConnectionManager m = ConnectionManager.connect(config);
        opened.add(m);
        return m;
    }

    /** Shuts down the managers opened here and drops the database (deletes the SQLite file). */
    @Override
    public synchronized void close() {
        for (ConnectionManager m : opened) {
            m.shutdown(java.time.Duration.ZERO);
        }
        opened.clear();
        if (server != null) {
            Admin.dropDatabase(server, name);
        } else {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                try {
                    Files.deleteIfExists(Path.of(sqliteFile + suffix));
                } catch (java.io.IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + vendor.id() + " " + name + (server == null ? "" : " on " + server) + "]";
    }
}
