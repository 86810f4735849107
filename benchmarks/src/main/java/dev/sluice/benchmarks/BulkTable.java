package dev.sluice.benchmarks;

import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * What the bulk-load benchmarks ({@link BulkInsertBenchmark}, {@link PostgresCopyBenchmark}) load into: a fresh
 * database of one vendor, Sluice's {@link Database} on it, a table with a name of its own (id, awkward text, double,
 * int) and the rows, built once. {@link #close()} drops the table and the database.
 */
final class BulkTable implements AutoCloseable {
    /** The table, as a jOOQ table of the user's own would describe it. */
    static final class Bench extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, String> body = createField(DSL.name("body"), SQLDataType.VARCHAR(200));
        final TableField<Record, Double> score = createField(DSL.name("score"), SQLDataType.DOUBLE);
        final TableField<Record, Integer> n = createField(DSL.name("n"), SQLDataType.INTEGER);

        Bench(String name) {
            super(DSL.name(name));
        }
    }

    final BenchDatabase bench;
    final Database db;
    final Bench table;
    final List<Record> records;

    private BulkTable(String vendor, int rows) {
        bench = BenchDatabase.create(vendor);
        db = Database.connect(bench.configBuilder().name("bench-bulk").build());
        table = new Bench("sluice_bench_bulk_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4));
        db.dsl().createTable(table).columns(table.fields()).primaryKey(table.id).execute();
        records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Record r = db.dsl().newRecord(table.fields());
            r.set(table.id, (long) i);
            r.set(table.body, "row " + i + "\twith \"quotes\", a backslash \\ and a newline\n");
            r.set(table.score, i / 3.0);
            r.set(table.n, -i);
            records.add(r);
        }
    }

    /** A fresh database of {@code vendor} with the table and {@code rows} rows to load. */
    static BulkTable open(String vendor, int rows) {
        return new BulkTable(vendor, rows);
    }

    /** Empties the table (before each load). */
    void empty() {
        db.dsl().truncate(table).execute();
    }

    @Override
    public void close() {
        db.dsl().dropTable(table).execute();
        db.close();
        bench.close(); // closes the benchmarks' HikariCP pools, drops the fresh database
    }
}
