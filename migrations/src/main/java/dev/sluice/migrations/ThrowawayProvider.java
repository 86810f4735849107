package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.internal.ScratchFile;
import dev.sluice.migrations.internal.ScratchServer;

/**
 * Where a {@link ThrowawayDatabase} comes from: something that makes an empty database and removes it again. Sluice has
 * two: {@link #temporaryFile()} (a SQLite file in a temporary directory) and {@link #onServer(ConnectionConfig)} (a
 * uniquely named database on a PostgreSQL or MySQL-family server). Plug in another, such as a private PostgreSQL
 * server started for the build, by implementing this interface:
 *
 * <pre>{@code
 * ThrowawayProvider privateServer = vendor -> {
 *     PostgresInstance pg = PostgresInstance.start();   // testkit
 *     return ThrowawayProvider.EmptyDatabase.of(pg.server().configFor("postgres").build(), "private PostgreSQL", pg::close);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ThrowawayProvider {
    /**
     * Makes an empty database of {@code vendor}.
     *
     * @throws RuntimeException saying why it cannot (no rights to create databases, server unreachable...)
     */
    EmptyDatabase create(Vendor vendor);

    /** A SQLite database in a new temporary directory, deleted with the directory. SQLite only. */
    static ThrowawayProvider temporaryFile() {
        return vendor -> {
            if (!vendor.embedded()) {
                throw new ConfigException("throwaway provider", "temporary file", "a server for " + vendor.displayName()
                        + " (ThrowawayProvider.onServer); a temporary file holds only a SQLite database");
            }
            return ScratchFile.create(vendor);
        };
    }

    /**
     * A uniquely named database ({@code sluice_tmp_<yyMMddHHmmss>_<random>}) created with {@code CREATE DATABASE} on the
     * server {@code server} points to, by its user (who needs the right to create databases), and dropped with
     * everything in it afterwards. {@code server} may name any database the user can connect to, typically the
     * project's own; when that one does not exist, {@code postgres} (PostgreSQL) or none (MySQL) is used to connect.
     */
    static ThrowawayProvider onServer(ConnectionConfig server) {
        if (server == null) {
            throw new ConfigException("throwaway server", null, "a PostgreSQL or MySQL/MariaDB connection configuration");
        }
        if (server.vendor().embedded()) {
            throw new ConfigException("throwaway server", server.redactedUrl(), "a PostgreSQL or MySQL/MariaDB server; "
                    + server.vendor().displayName() + " has none (use ThrowawayProvider.temporaryFile)");
        }
        return vendor -> {
            if (vendor != server.vendor()) {
                throw new ConfigException("throwaway server", server.redactedUrl(), "a " + vendor.displayName()
                        + " server, as the database it stands in for is " + vendor.displayName());
            }
            return ScratchServer.create(server);
        };
    }

    /**
     * An empty database a provider made: how to connect to it, and how to remove it. {@link #close()} removes it and
     * everything in it; it is called once, after every connection to it is closed, and should not throw.
     */
    interface EmptyDatabase extends AutoCloseable {
        /** How to connect to it, password included. */
        ConnectionConfig config();

        /** What it is, for messages: {@code sluice_tmp_... on PostgreSQL at 127.0.0.1:5432}. No password. */
        String description();

        /** Removes the database. */
        @Override
        void close();

        /**
         * An empty database made elsewhere.
         *
         * @param config how to connect to it
         * @param description what it is, for messages
         * @param remove removes it
         */
        static EmptyDatabase of(ConnectionConfig config, String description, Runnable remove) {
            return new EmptyDatabase() {
                @Override
                public ConnectionConfig config() {
                    return config;
                }

                @Override
                public String description() {
                    return description;
                }

                @Override
                public void close() {
                    remove.run();
                }

                @Override
                public String toString() {
                    return description;
                }
            };
        }
    }
}
