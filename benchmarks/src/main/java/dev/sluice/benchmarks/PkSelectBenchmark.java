package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A primary-key select of one row ({@code SELECT name, qty FROM bench_items WHERE id = ?}, ids cycling through 1,000
 * rows) on each vendor, four ways on pools of one connection: {@link Database}'s jOOQ context on Sluice's pool, as
 * configured by default (the session reset on return included) and with {@code pool.reset-on-return} off; plain jOOQ
 * ({@code DSL.using(dataSource, dialect)}, jOOQ's default settings) on a bare HikariCP pool; and a raw JDBC
 * {@code PreparedStatement} on that same HikariCP pool. The query is built the way applications build it, anew for
 * each call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PkSelectBenchmark {
    private static final Table<?> ITEMS = DSL.table(DSL.name("bench_items"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
    private static final Field<Integer> QTY = DSL.field(DSL.name("qty"), SQLDataType.INTEGER);
    private static final String SQL = "SELECT name, qty FROM bench_items WHERE id = ?";

    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private BenchDatabase bench;
    private HikariDataSource hikari;
    private DSLContext jooq;
    private Database sluice;
    private Database sluiceNoReset;
    private int next;

    /** Creates the table and opens the pools. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = BenchDatabase.create(vendor);
        bench.createItems();
        hikari = bench.hikari(1);
        sluice = Database.using(bench.connect(bench.configBuilder().name("bench-pk").pool(p -> p.min(1).max(1)).build()));
        sluiceNoReset = Database.using(bench.connect(bench.configBuilder().name("bench-pk-no-reset")
                .pool(p -> p.min(1).max(1).resetOnReturn(false)).build()));
        jooq = DSL.using(hikari, sluice.dialect());
    }

    /** Drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    private int nextId() {
        next = next % BenchDatabase.ITEMS + 1;
        return next;
    }

    /** Baseline: a raw JDBC PreparedStatement on a bare HikariCP pool. */
    @Benchmark
    public int selectJdbc() throws Exception {
        try (Connection c = hikari.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, nextId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).length() + rs.getInt(2);
            }
        }
    }

    /** Baseline: plain jOOQ on the same bare HikariCP pool. */
    @Benchmark
    public int selectJooq() {
        return value(jooq.select(NAME, QTY).from(ITEMS).where(ID.eq(nextId())).fetchOne());
    }

    /** Database's jOOQ context on Sluice's pool, as configured by default (session reset on return). */
    @Benchmark
    public int selectSluice() {
        return value(sluice.dsl().select(NAME, QTY).from(ITEMS).where(ID.eq(nextId())).fetchOne());
    }

    /** Database's jOOQ context on Sluice's pool with {@code pool.reset-on-return} off, as the baselines run. */
    @Benchmark
    public int selectSluiceNoReset() {
        return value(sluiceNoReset.dsl().select(NAME, QTY).from(ITEMS).where(ID.eq(nextId())).fetchOne());
    }

    private static int value(Record2<String, Integer> r) {
        return r.value1().length() + r.value2();
    }
}
