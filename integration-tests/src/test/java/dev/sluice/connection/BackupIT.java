package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Backups} on the real PostgreSQL (pg_dump/pg_restore), MariaDB (mariadb-dump and the mariadb client) and
 * SQLite (VACUUM INTO, the driver's backup API), with a schema of the test's own: a round trip gives identical table
 * checksums, a backup taken while transfers commit restores a consistent state, a missing tool names its Debian package,
 * a cut-off file is refused before the database is touched.
 */
class BackupIT {
    private static final List<String> TABLES = List.of("customers", "orders");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void roundTripGivesIdenticalTableChecksums(Vendor vendor) throws Exception {
        try (TestDatabase source = TestDatabases.create(vendor); TestDatabase target = TestDatabases.create(vendor)) {
            ConnectionManager src = source.connect();
            fillShop(src);
            Map<String, String> before = checksums(src, TABLES);

            Path file = dir.resolve("shop.backup");
            BackupResult backup = Backups.of(source.config()).backup(file);
            assertThat(file).isRegularFile();
            assertThat(dir.resolve("shop.backup.partial")).doesNotExist();
            assertThat(backup.bytes()).isEqualTo(Files.size(file)).isPositive();
            assertThat(backup.took()).isPositive();
            assertThat(backup.summary()).startsWith(file.toString()).contains(backup.tool());

            BackupResult restore = Backups.of(target.config()).restore(file);
            assertThat(restore.verification()).isEqualTo(backup.verification());
            ConnectionManager dst = target.connect();
            assertThat(checksums(dst, TABLES)).isEqualTo(before);
            assertThat(count(dst, "SELECT count(*) FROM big_orders")).as("the view came along").isPositive();

            // restoring again over the restored copy replaces what is there, it does not add to it
            Backups.of(target.config()).restore(file);
            assertThat(checksums(dst, TABLES)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void backupWhileTransfersCommitIsConsistent(Vendor vendor) throws Exception {
        try (TestDatabase source = TestDatabases.create(vendor); TestDatabase target = TestDatabases.create(vendor)) {
            ConnectionManager src = source.connect();
            try (Connection c = src.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
                s.execute("CREATE TABLE transfers (id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, amount INTEGER NOT NULL)");
                s.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
                insertRows(c, "INSERT INTO accounts VALUES (?, 1000)", 100, (p, i) -> p.setInt(1, i));
                insertRows(c, "INSERT INTO filler VALUES (?, ?)", 20_000, (p, i) -> {
                    p.setInt(1, i);
                    p.setString(2, "row " + i + " " + "x".repeat(150));
                });
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong committed = new AtomicLong();
            Thread writer = Thread.ofPlatform().name("transfers").start(() -> transfer(src, stop, committed));
            BackupResult backup;
            long atStart;
            long atEnd;
            try {
                waitFor(() -> committed.get() >= 20);
                atStart = committed.get();
                backup = Backups.of(source.config()).backup(dir.resolve("bank.backup"));
                atEnd = committed.get();
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(committed.get()).as("the writer kept committing").isGreaterThan(atStart);

            Backups.of(target.config()).restore(backup.file());
            ConnectionManager dst = target.connect();
            long transfers = count(dst, "SELECT count(*) FROM transfers");
            assertThat(count(dst, "SELECT sum(balance) FROM accounts")).as("money is neither made nor lost").isEqualTo(100_000);
            assertThat(count(dst, "SELECT count(*) FROM accounts")).isEqualTo(100);
            assertThat(transfers).as("a state between the backup's start and end").isBetween(atStart, atEnd + 1);
            assertThat(count(dst, "SELECT coalesce(max(id), 0) FROM transfers")).as("no transfer missing in the middle").isEqualTo(transfers);
            assertThat(count(dst, "SELECT count(*) FROM filler")).isEqualTo(20_000);
        }
    }

    @Test
    void aMissingToolNamesItsDebianPackageAndLeavesNoFile() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres(); TestDatabase my = TestDatabases.mysql()) {
            Path file = dir.resolve("x.backup");
            assertThatThrownBy(() -> Backups.of(pg.config()).toolPath(dir.toString()).backup(file))
                    .isInstanceOf(BackupFailedException.class)
                    .hasMessage("pg_dump is not installed (not found on PATH): install the Debian package postgresql-client "
                            + "(apt-get install postgresql-client)");
            assertThatThrownBy(() -> Backups.of(my.config()).toolPath("/nonexistent").backup(file))
                    .isInstanceOf(BackupFailedException.class)
                    .hasMessage("mariadb-dump or mysqldump is not installed (not found on PATH): install the Debian package "
                            + "mariadb-client (apt-get install mariadb-client)");
            assertThat(file).doesNotExist();
            assertThat(dir.resolve("x.backup.partial")).doesNotExist();
        }
        // a SQLite path that names no file is not created by the attempt
        Path missing = dir.resolve("typo.db");
        assertThatThrownBy(() -> Backups.of(ConnectionConfig.fromUrl("sqlite:" + missing)).backup(dir.resolve("y.backup")))
                .isInstanceOf(BackupFailedException.class).hasMessageEndingWith("there is no database file at " + missing);
        assertThat(missing).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCutOffBackupIsRefusedBeforeTheDatabaseIsTouched(Vendor vendor) throws Exception {
        try (TestDatabase source = TestDatabases.create(vendor); TestDatabase target = TestDatabases.create(vendor)) {
            fillShop(source.connect());
            Path file = Backups.of(source.config()).backup(dir.resolve("shop.backup")).file();
            byte[] bytes = Files.readAllBytes(file);
            Path cut = dir.resolve("cut.backup");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            ConnectionManager dst = target.connect();
            try (Connection c = dst.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE keep_me (id INTEGER PRIMARY KEY)");
                s.execute("INSERT INTO keep_me VALUES (7)");
            }
            assertThatThrownBy(() -> Backups.of(target.config()).restore(cut))
                    .isInstanceOf(BackupFailedException.class).hasMessageContaining(cut.toString());
            assertThat(count(dst, "SELECT id FROM keep_me")).isEqualTo(7);
        }
    }

    // --- the test's own schema and data ---

    private static void fillShop(ConnectionManager m) throws SQLException {
        try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200), "
                    + "balance DECIMAL(12,2), created_at TIMESTAMP NULL, note TEXT)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), "
                    + "total DECIMAL(12,2) NOT NULL, status VARCHAR(20) NOT NULL)");
            s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
            s.execute("CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100");
            insertRows(c, "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)", 500, (p, i) -> {
                p.setInt(1, i);
                p.setString(2, i % 7 == 0 ? "O'Brien \"Zoë\" ünïcødé ✓ " + i : "customer " + i);
                p.setString(3, i % 5 == 0 ? null : "c" + i + "@example.com");
                p.setBigDecimal(4, BigDecimal.valueOf(i * 137L % 100_000, 2));
                p.setTimestamp(5, i % 11 == 0 ? null : Timestamp.valueOf(java.time.LocalDateTime.of(2026, 1, 1, 10, 0).plusHours(i)));
                p.setString(6, i % 3 == 0 ? "line one\nline two\ttab \\ backslash" : null);
            });
            insertRows(c, "INSERT INTO orders VALUES (?, ?, ?, ?)", 2000, (p, i) -> {
                p.setInt(1, i);
                p.setInt(2, i % 500 + 1);
                p.setBigDecimal(3, BigDecimal.valueOf(i * 7919L % 50_000, 2));
                p.setString(4, List.of("new", "paid", "shipped").get(i % 3));
            });
        }
    }

    interface RowSetter {
        void set(PreparedStatement p, int i) throws SQLException;
    }

    private static void insertRows(Connection c, String sql, int rows, RowSetter setter) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 1; i <= rows; i++) {
                setter.set(p, i);
                p.addBatch();
                if (i % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Moves money between random accounts, one transaction per transfer with its ledger row, until stopped. */
    private static void transfer(ConnectionManager m, AtomicBoolean stop, AtomicLong committed) {
        long next = 1;
        while (!stop.get()) {
            try (Connection c = m.getConnection()) {
                c.setAutoCommit(false);
                int from = ThreadLocalRandom.current().nextInt(1, 101);
                int to = from % 100 + 1;
                int amount = ThreadLocalRandom.current().nextInt(1, 50);
                try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                     PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
                     PreparedStatement ledger = c.prepareStatement("INSERT INTO transfers VALUES (?, ?, ?, ?)")) {
                    debit.setInt(1, amount);
                    debit.setInt(2, from);
                    debit.executeUpdate();
                    credit.setInt(1, amount);
                    credit.setInt(2, to);
                    credit.executeUpdate();
                    ledger.setLong(1, next);
                    ledger.setInt(2, from);
                    ledger.setInt(3, to);
                    ledger.setInt(4, amount);
                    ledger.executeUpdate();
                    c.commit();
                    next++;
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    c.rollback(); // busy (SQLite) or a serialization failure: try again
                }
            } catch (SQLException e) {
                if (!stop.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static long count(ConnectionManager m, String sql) throws SQLException {
        try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SHA-256 of each table's rows in key order, every column read as text. */
    static Map<String, String> checksums(ConnectionManager m, List<String> tables) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long rows = 0;
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String v = rs.getString(i);
                            digest.update((v == null ? "\u0000NULL" : v).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0x1f);
                        }
                        digest.update((byte) 0x1e);
                    }
                }
                sums.put(table, rows + " rows " + HexFormat.of().formatHex(digest.digest()));
            }
        }
        return sums;
    }
}
