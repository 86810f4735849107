package dev.sluice.migrations.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.ServerAdmin;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.migrations.ThrowawayProvider;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway database on a PostgreSQL or MySQL-family server: {@code CREATE DATABASE sluice_tmp_<stamp>_<random>}
 * through a small admin pool, {@code DROP DATABASE} on close (each as the vendor writes it: see {@link ServerAdmin}).
 */
public final class ScratchServer implements ThrowawayProvider.EmptyDatabase {
    /** Prefix of every throwaway database's name. */
    public static final String PREFIX = "sluice_tmp_";
    private static final Logger LOG = LoggerFactory.getLogger(ScratchServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private final ConnectionManager admin;
    private final String name;
    private final ConnectionConfig config;

    private ScratchServer(ConnectionManager admin, String name, ConnectionConfig config) {
        this.admin = admin;
        this.name = name;
        this.config = config;
    }

    /** Creates a uniquely named database on the server of {@code server}. */
    public static ScratchServer create(ConnectionConfig server) {
        ConnectionManager admin = connectAdmin(server);
        String name = uniqueName();
        ServerAdmin sql = ServerAdmin.on(admin);
        try {
            // the same character set and collation as the database it stands in for, when connected to one
            sql.createDatabaseLikeCurrent(name);
        } catch (SQLException e) {
            admin.close();
            throw new MigrationFailedException("Cannot create a throwaway database on " + where(server) + ": " + e.getMessage()
                    + " (the user needs " + sql.createRight() + ", or give another server for throwaway databases)", e);
        }
        return new ScratchServer(admin, name, ScratchConfigs.onDatabase(server, name, "sluice-throwaway"));
    }

    private static ConnectionManager connectAdmin(ConnectionConfig server) {
        try {
            return ConnectionManager.connect(ScratchConfigs.onDatabase(server, server.database(), "sluice-throwaway-admin"));
        } catch (ConnectionFailedException e) {
            if (e.reason() != FailureReason.UNKNOWN_DATABASE || server.database() == null) {
                throw e;
            }
            // the project's database need not exist yet: any database the user can reach will do for CREATE DATABASE
            return ConnectionManager.connect(ScratchConfigs.onDatabase(server, server.vendor().maintenanceDatabase(), "sluice-throwaway-admin"));
        }
    }

    /** {@value #PREFIX}{@code <yyMMddHHmmss>_<8 random letters or digits>}. */
    static String uniqueName() {
        StringBuilder sb = new StringBuilder(PREFIX).append(LocalDateTime.now().format(STAMP)).append('_');
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String where(ConnectionConfig c) {
        return c.vendor().displayName() + " at " + c.host() + ":" + c.port();
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public String description() {
        return name + " on " + where(config);
    }

    /** Drops the database, then closes the admin pool. A failure is logged, not thrown: the caller is cleaning up. */
    @Override
    public void close() {
        try {
            ServerAdmin.on(admin).dropDatabase(name);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not drop the throwaway database {}: {}; drop it by hand", description(), e.getMessage());
        } finally {
            admin.close();
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
