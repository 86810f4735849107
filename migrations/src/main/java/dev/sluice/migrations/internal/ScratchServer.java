package dev.sluice.migrations.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.migrations.ThrowawayProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway database on a PostgreSQL or MySQL-family server: {@code CREATE DATABASE sluice_tmp_<stamp>_<random>}
 * through a one-connection admin pool, {@code DROP DATABASE} on close.
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
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(createSql(server.vendor(), name, c));
        } catch (SQLException e) {
            admin.close();
            throw new MigrationFailedException("Cannot create a throwaway database on " + where(server) + ": " + e.getMessage()
                    + (server.vendor() == Vendor.POSTGRESQL ? " (the user needs CREATEDB," : " (the user needs the CREATE privilege,")
                    + " or give another server for throwaway databases)", e);
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
            String maintenance = server.vendor() == Vendor.POSTGRESQL ? "postgres" : null;
            return ConnectionManager.connect(ScratchConfigs.onDatabase(server, maintenance, "sluice-throwaway-admin"));
        }
    }

    private static String createSql(Vendor vendor, String name, Connection c) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            return "CREATE DATABASE \"" + name + "\"";
        }
        // the same character set and collation as the database it stands in for, when connected to one
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()")) {
            String charset = rs.next() ? " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2) : "";
            return "CREATE DATABASE `" + name + "`" + charset;
        }
    }

    private static String dropSql(Vendor vendor, String name, String serverVersion) {
        if (vendor != Vendor.POSTGRESQL) {
            return "DROP DATABASE IF EXISTS `" + name + "`";
        }
        // WITH (FORCE), PostgreSQL 13+, ends sessions a failed code generator may have left open
        return "DROP DATABASE IF EXISTS \"" + name + "\"" + (majorVersion(serverVersion) >= 13 ? " WITH (FORCE)" : "");
    }

    private static int majorVersion(String version) {
        try {
            return Integer.parseInt(version == null ? "0" : version.split("\\.")[0].trim());
        } catch (NumberFormatException e) {
            return 0;
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
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(dropSql(config.vendor(), name, admin.serverInfo() == null ? null : admin.serverInfo().version()));
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
