package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary database of the same vendor as a target database, migrated with a project's scripts and removed on
 * {@link #close()}: what code generation introspects and what the drift check compares a live database with.
 *
 * <pre>{@code
 * try (ThrowawayDatabase scratch = ThrowawayDatabase.builder(projectConfig)
 *         .locations("filesystem:src/main/resources/db/migration")
 *         .open()) {
 *     ConnectionConfig c = scratch.config();            // c.jdbcUrl(), c.user(), c.password() for jOOQ's code generator
 *     DSLContext dsl = scratch.database().dsl();         // or query it
 * }                                                     // dropped (SQLite: the file deleted), even after a failure
 * }</pre>
 *
 * <p>Where it lives is a {@link ThrowawayProvider}: by default a temporary file for SQLite, and for PostgreSQL and
 * MySQL/MariaDB a uniquely named database on the target's own server (or on {@link Builder#server(ConnectionConfig)}).
 * If opening fails (a script fails, the server refuses), whatever was created is removed before the exception
 * propagates; a JVM shutdown hook removes it when the process is stopped while it is open.
 */
public final class ThrowawayDatabase implements AutoCloseable {
    private final ThrowawayProvider.EmptyDatabase empty;
    private final Database database;
    private final MigrationReport migration;
    private final Thread shutdownHook;
    private boolean closed;

    private ThrowawayDatabase(ThrowawayProvider.EmptyDatabase empty, Database database, MigrationReport migration, Thread hook) {
        this.empty = empty;
        this.database = database;
        this.migration = migration;
        this.shutdownHook = hook;
    }

    /**
     * A builder for a throwaway database standing in for {@code target}: same vendor, and for a server vendor by
     * default on the same server, created by the same user.
     */
    public static Builder builder(ConnectionConfig target) {
        if (target == null) {
            throw new ConfigException("target database", null, "the connection configuration of the database to stand in for");
        }
        return new Builder(target.vendor(), target);
    }

    /** A builder for a throwaway database of {@code vendor}; server vendors need {@link Builder#server} or {@link Builder#provider}. */
    public static Builder builder(Vendor vendor) {
        if (vendor == null) {
            throw new ConfigException("vendor", null, "one of postgresql, mysql, sqlite");
        }
        return new Builder(vendor, null);
    }

    /** The vendor. */
    public Vendor vendor() {
        return empty.config().vendor();
    }

    /** How to connect to it (password included): {@code config().jdbcUrl()}, {@code user()}, {@code password()}. */
    public ConnectionConfig config() {
        return empty.config();
    }

    /** Its JDBC URL, for tools that take one (jOOQ's code generator). */
    public String jdbcUrl() {
        return empty.config().jdbcUrl();
    }

    /** What and where it is, for messages; no password. */
    public String description() {
        return empty.description();
    }

    /** A connected {@link Database} on it (a small pool), closed with this. */
    public Database database() {
        return database;
    }

    /** What migrating it did. */
    public MigrationReport migration() {
        return migration;
    }

    /** Closes the pool and removes the database. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            removeHook(shutdownHook);
        } finally {
            discard(database, empty);
        }
    }

    private static void discard(Database database, ThrowawayProvider.EmptyDatabase empty) {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            empty.close();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it removes the database
        }
    }

    @Override
    public String toString() {
        return "ThrowawayDatabase[" + description() + "]";
    }

    /** Builds and opens a {@link ThrowawayDatabase}. */
    public static final class Builder {
        private final Vendor vendor;
        private final ConnectionConfig target;
        private ConnectionConfig server;
        private ThrowawayProvider provider;
        private final List<String> locations = new ArrayList<>();
        private String table = Migrations.DEFAULT_TABLE;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private ClassLoader classLoader;
        private String targetVersion;

        private Builder(Vendor vendor, ConnectionConfig target) {
            this.vendor = vendor;
            this.target = target;
        }

        /** The migrations' Flyway locations, as {@link Migrations.Builder#locations(String...)}; default the built-in schema. */
        public Builder locations(String... locations) {
            Migrations.Builder.checkSyntax(locations);
            this.locations.addAll(List.of(locations));
            return this;
        }

        /** As {@link #locations(String...)}. */
        public Builder locations(List<String> locations) {
            return locations(locations.toArray(String[]::new));
        }

        /** The history table, as {@link Migrations.Builder#table(String)}. */
        public Builder table(String table) {
            Migrations.Builder.checkTable(table);
            this.table = table;
            return this;
        }

        /** A Flyway placeholder, {@code ${name}} in scripts. */
        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        /** The class loader {@code classpath:} locations are read with (default: the migrations module's). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Migrate only up to this version ({@code null}: all). */
        public Builder targetVersion(String version) {
            Migrations.checkVersion("target", version);
            this.targetVersion = version;
            return this;
        }

        /**
         * The PostgreSQL or MySQL-family server to create the database on, as a connection to any database there (the
         * user needs the right to create databases). Default: the target's server.
         */
        public Builder server(ConnectionConfig server) {
            this.server = server;
            this.provider = null;
            return this;
        }

        /** Another source of empty databases, such as a private server; replaces {@link #server}. */
        public Builder provider(ThrowawayProvider provider) {
            if (provider == null) {
                throw new ConfigException("throwaway provider", null, "a ThrowawayProvider");
            }
            this.provider = provider;
            this.server = null;
            return this;
        }

        private ThrowawayProvider resolveProvider() {
            if (provider != null) {
                return provider;
            }
            if (vendor.embedded()) {
                return ThrowawayProvider.temporaryFile();
            }
            ConnectionConfig s = server != null ? server : target;
            if (s == null) {
                throw new ConfigException("throwaway server", null, "a " + vendor.displayName() + " server to create the "
                        + "throwaway database on (Builder.server), or a ThrowawayProvider");
            }
            return ThrowawayProvider.onServer(s);
        }

        /**
         * Creates the database, migrates it and returns it open.
         *
         * @throws ConfigException {@code no migrations found at <location>}, before anything is created
         * @throws MigrationFailedException when a script fails (the database is removed first)
         */
        public ThrowawayDatabase open() {
            Migrations.requireMigrations(Migrations.resolve(locations, vendor),
                    classLoader != null ? classLoader : Migrations.class.getClassLoader());
            ThrowawayProvider p = resolveProvider();
            ThrowawayProvider.EmptyDatabase empty = p.create(vendor);
            if (empty == null || empty.config().vendor() != vendor) {
                if (empty != null) {
                    empty.close();
                }
                throw new ConfigException("throwaway provider", String.valueOf(p), "a provider that makes " + vendor.displayName() + " databases");
            }
            Thread hook = new Thread(empty::close, "sluice-throwaway-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            Database db = null;
            try {
                db = Database.connect(empty.config());
                Migrations.Builder m = Migrations.builder(db).table(table);
                if (!locations.isEmpty()) {
                    m.locations(locations.toArray(String[]::new));
                }
                if (classLoader != null) {
                    m.classLoader(classLoader);
                }
                placeholders.forEach(m::placeholder);
                MigrationReport report = m.build().migrate(targetVersion);
                return new ThrowawayDatabase(empty, db, report, hook);
            } catch (RuntimeException | Error e) {
                removeHook(hook);
                try {
                    discard(db, empty);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }
}
