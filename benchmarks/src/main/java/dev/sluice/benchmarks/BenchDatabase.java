package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A fresh database of one vendor for one benchmark trial, found as the tests find theirs (testkit: the machine's
 * PostgreSQL and MariaDB on 127.0.0.1, or a temp SQLite file), and the baselines' ways into it: a bare HikariCP pool
 * and plain JDBC connections on the driver's own URL. {@link #close()} closes what it opened and drops the database.
 */
final class BenchDatabase implements AutoCloseable {
    /** The rows of {@link #createItems()}. */
    static final int ITEMS = 1_000;

    private final TestDatabase db;
    private final ConnectionConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private BenchDatabase(TestDatabase db) {
        this.db = db;
        this.config = db.configBuilder().name("bench").build();
    }

    /** A fresh database of the vendor named as in configuration ({@code postgresql}, {@code mysql}, {@code sqlite}). */
    static BenchDatabase create(String vendor) {
        return new BenchDatabase(TestDatabases.create(Vendor.fromName(vendor)));
    }

    Vendor vendor() {
        return db.vendor();
    }

    /** A config for Sluice's pools on this database (periodic health checks off, as the testkit sets them). */
    ConnectionConfig.Builder configBuilder() {
        return db.configBuilder();
    }

    /** A connected {@link ConnectionManager} on this database, shut down by {@link #close()}. */
    ConnectionManager connect(ConnectionConfig c) {
        return db.connect(c);
    }

    /** The driver's own URL of this database (no password: see {@link #properties()}). */
    String jdbcUrl() {
        return config.jdbcUrl();
    }

    /** The user and password, for the driver. */
    Properties properties() {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        return p;
    }

    /** The server's shared admin pool (connected to its admin database), or {@code null} for SQLite. Do not close it. */
    ConnectionManager admin() {
        return db.server() == null ? null : db.server().admin();
    }

    /** A plain JDBC connection straight from the driver, no pool. */
    Connection newConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties());
    }

    /** A bare HikariCP pool of {@code size} connections with the driver's defaults and the given driver properties. */
    HikariDataSource hikari(int size, String... driverProperties) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl());
        hc.setDataSourceProperties(properties());
        for (int i = 0; i + 1 < driverProperties.length; i += 2) {
            hc.addDataSourceProperty(driverProperties[i], driverProperties[i + 1]);
        }
        hc.setMinimumIdle(size);
        hc.setMaximumPoolSize(size);
        hc.setPoolName("bench-hikari");
        HikariDataSource ds = new HikariDataSource(hc);
        opened.add(ds);
        return ds;
    }

    /** Runs statements on a plain connection. */
    void execute(String... sql) throws SQLException {
        try (Connection c = newConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Creates {@code bench_items (id PRIMARY KEY, name, qty)} with {@link #ITEMS} rows, ids 1 to {@link #ITEMS}. */
    void createItems() throws SQLException {
        execute("CREATE TABLE bench_items (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL)");
        try (Connection c = newConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO bench_items VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ITEMS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item " + i);
                ps.setInt(3, i % 97);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a benchmark's pool: nothing to do about a failure
            }
        }
        db.close();
    }
}
