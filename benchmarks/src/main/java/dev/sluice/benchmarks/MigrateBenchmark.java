package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Migrating the built-in schema into an empty database: Sluice's {@link Migrations#migrate()} (its lock, history
 * table placement, report) against Flyway's own {@code migrate()} with the same scripts and history table on a bare
 * HikariCP pool; and a no-op {@code migrate()} (everything applied already) against the first one. Each call is one
 * shot on a fresh database made before it; both pools are open before the clock starts, and the first migrate() of
 * the no-op case runs before it too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class MigrateBenchmark {
    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private BenchDatabase bench;
    private Database db;
    private HikariDataSource hikari;

    /** A fresh database, Sluice's pool and a bare HikariCP pool on it; migrated already for the no-op benchmark. */
    @Setup(Level.Invocation)
    public void setUp(BenchmarkParams params) {
        bench = BenchDatabase.create(vendor);
        db = Database.using(bench.connect(bench.configBuilder().name("bench-migrate").pool(p -> p.min(2).max(2)).build()));
        hikari = bench.hikari(2);
        // Both pools hold two open connections, idle, before the clock starts (Flyway uses two on PostgreSQL, one on
        // MariaDB and SQLite). Neither is full by itself yet: HikariCP fills a pool to its minimum 100 ms after it starts, and
        // opens one connection in its constructor only when it may fail the start (the bare pool; Sluice's pool starts
        // empty, as connect() has made its own round trip). Without this, Sluice's side opened both connections inside
        // the measured migrate and the bare pool one.
        open(db.connections().dataSource(), 2);
        open(hikari, 2);
        if (params.getBenchmark().endsWith("NoOp")) {
            migrations().migrate();
        }
    }

    /** Borrows {@code n} connections at once and returns them: the pool then holds {@code n}, open and idle. */
    private static void open(DataSource pool, int n) {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(pool.getConnection());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + n + " connections in the pool before the measurement", e);
        } finally {
            for (Connection c : held) {
                try {
                    c.close(); // no statement ran: returned without a session reset
                } catch (SQLException ignored) {
                    // the pool replaces a connection that fails to close
                }
            }
        }
    }

    /** Drops the database. */
    @TearDown(Level.Invocation)
    public void tearDown() {
        bench.close();
    }

    private Migrations migrations() {
        return Migrations.builder(db).build();
    }

    /** Baseline: Flyway alone, the same scripts and history table. */
    @Benchmark
    public int flywayMigrate() {
        Migrations m = migrations();
        return Flyway.configure().dataSource(hikari).locations(m.locations().toArray(String[]::new)).table(m.table())
                .validateMigrationNaming(false).load().migrate().migrationsExecuted;
    }

    /** Sluice's migrate() of the empty database. */
    @Benchmark
    public int sluiceMigrate() {
        return migrations().migrate().migrations().size();
    }

    /** Sluice's migrate() when every migration is applied already (the first one ran before the clock started). */
    @Benchmark
    public int sluiceMigrateNoOp() {
        return migrations().migrate().migrations().size();
    }
}
