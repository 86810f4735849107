package dev.sluice.migrations.internal;

import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock of a database on a synchronous multi-primary cluster (MariaDB Galera), where Flyway's
 * {@code GET_LOCK} holds on one node only: a row in {@value #TABLE}, inserted and committed under Galera's
 * certification, so that of several nodes inserting it at once exactly one commits (the others get a duplicate key
 * or a certification conflict, 1213, and wait). The row carries a lease that the holder renews while it migrates; a
 * holder that died is replaced once its lease has run out. The table lives in a database of its own so that the
 * migrated schema stays as the scripts make it (Flyway refuses a non-empty schema without history).
 *
 * <p>Once the row is committed, this node has also applied everything committed before it in the cluster (Galera
 * commits in one total order), so the migrator sees the history its predecessor wrote and finds nothing left to do.
 */
final class ClusterLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLock.class);
    static final String DATABASE = "sluice_locks";
    static final String TABLE = DATABASE + ".migration_locks";
    static final Duration LEASE = Duration.ofSeconds(Long.getLong("sluice.migrations.cluster-lock.lease-seconds", 60));
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("sluice.migrations.cluster-lock.wait-seconds", 600));
    private static final int DUPLICATE_KEY = 1062;
    private static final int CERTIFICATION_CONFLICT = 1213;

    private final Database db;
    private final String name;
    private final String holder;
    private final ScheduledExecutorService renewer;

    private ClusterLock(Database db, String name, String holder) {
        this.db = db;
        this.name = name;
        this.holder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sluice-migration-lease").factory());
        long every = Math.max(1, LEASE.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock of the database {@code c} is on, waiting while another migrator holds it. */
    static ClusterLock acquire(Database db, Connection c) throws SQLException {
        String database = c.getCatalog();
        String name = "migrate:" + database;
        String holder = holderName(c);
        createTable(c);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String lastSeen = null;
        while (true) {
            try {
                insert(c, name, holder);
                LOG.info("Took the cluster-wide migration lock of {} as {}", database, holder);
                return new ClusterLock(db, name, holder);
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (e.getErrorCode() != DUPLICATE_KEY && e.getErrorCode() != CERTIFICATION_CONFLICT) {
                    throw e;
                }
            }
            String seen = describeHolder(c, name);
            if (!seen.equals(lastSeen)) {
                LOG.info("Waiting for the cluster-wide migration lock of {}: {}", database, seen);
                lastSeen = seen;
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationFailedException("Another migrator holds the cluster-wide migration lock of " + database + " ("
                        + seen + "); gave up after " + WAIT.toSeconds() + "s. If that migrator is gone, its lease runs out by "
                        + "itself; to free it at once: DELETE FROM " + TABLE + " WHERE name = '" + name + "'", null);
            }
            sleep(100 + (long) (Math.random() * 200)); // apart, so that the waiters do not collide again at once
        }
    }

    private static String holderName(Connection c) throws SQLException {
        String node = "?";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@wsrep_node_name")) {
            if (rs.next()) {
                node = rs.getString(1);
            }
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "pid " + ProcessHandle.current().pid() + "@" + host + " via node " + node + " #" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // DDL runs in total order on every node: several nodes creating it at once is safe
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(200) PRIMARY KEY, holder VARCHAR(255) NOT NULL,"
                    + " acquired_at DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot create the cluster-wide migration lock table " + TABLE + " on this Galera node ("
                    + e.getMessage() + "). Create it once as an administrator: CREATE DATABASE " + DATABASE + "; CREATE TABLE " + TABLE
                    + " (name VARCHAR(200) PRIMARY KEY, holder VARCHAR(255) NOT NULL, acquired_at DATETIME(3) NOT NULL, expires_at"
                    + " DATETIME(3) NOT NULL) ENGINE=InnoDB; GRANT SELECT, INSERT, UPDATE, DELETE ON " + DATABASE + ".* TO the migrating user", e);
        }
    }

    /** In one transaction: clears a lease that ran out, inserts the row; the commit is where certification decides. */
    private static void insert(Connection c, String name, String holder) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ? AND expires_at < NOW(3)")) {
                del.setString(1, name);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                    + " (name, holder, acquired_at, expires_at) VALUES (?, ?, NOW(3), NOW(3) + INTERVAL ? SECOND)")) {
                ins.setString(1, name);
                ins.setString(2, holder);
                ins.setLong(3, LEASE.toSeconds());
                ins.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String describeHolder(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, acquired_at, expires_at FROM " + TABLE + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "held by " + rs.getString(1) + " since " + rs.getString(2) + ", lease until " + rs.getString(3)
                        : "released just now";
            }
        }
    }

    /** Extends the lease; a renewal that fails is tried again at the next turn, well before the lease runs out. */
    private void renew() {
        try (Connection c = db.connections().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET expires_at = NOW(3) + INTERVAL ? SECOND"
                        + " WHERE name = ? AND holder = ?")) {
            ps.setLong(1, LEASE.toSeconds());
            ps.setString(2, name);
            ps.setString(3, holder);
            if (ps.executeUpdate() == 0) {
                LOG.error("The cluster-wide migration lock {} is no longer held by {}: its lease ran out", name, holder);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not renew the cluster-wide migration lock {}: {}", name, e.getMessage());
        }
    }

    /** Stops renewing and deletes the row (a conflict with a renewal elsewhere is retried). */
    @Override
    public void close() {
        renewer.shutdownNow();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connections().getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.executeUpdate();
                return;
            } catch (SQLException e) {
                if (attempt >= 5) {
                    LOG.warn("Could not release the cluster-wide migration lock {} ({}); it is freed when its lease runs out", name,
                            e.getMessage());
                    return;
                }
                sleep(50L * attempt);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the failed insert's transaction is gone either way
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationFailedException("Interrupted while waiting for the cluster-wide migration lock", e);
        }
    }
}
