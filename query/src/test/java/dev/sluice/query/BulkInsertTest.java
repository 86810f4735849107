package dev.sluice.query;

import static dev.sluice.query.Notes.KEYLESS;
import static dev.sluice.query.Notes.NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Database.bulkInsert on the real servers, with a table of the user's own (not the built-in schema). */
class BulkInsertTest {
    /** Text that breaks naive CSV, COPY text format, SQL quoting or UTF-8 handling. */
    static final String[] AWKWARD = {"tab\there", "new\nline", "cr\r\nlf", "back\\slash \\N \\.", "\"double\" 'single'",
        "comma, \"quoted, comma\"", "emoji 😀🚀 and 中文", "", " leading and trailing ", "\\", "\"", "NULL", "a,b\n\"c\"\\"};

    static Notes.Row awkward(long i) {
        String body = i % 17 == 0 ? null : AWKWARD[(int) (i % AWKWARD.length)] + " #" + i;
        Double score = i % 11 == 0 ? null : i / 8.0;
        // whole seconds: jOOQ's own LocalDateTime binding drops the fraction on MariaDB (Connector/J) and SQLite, for any
        // insert; the built-in schema's UtcTimestampBinding keeps microseconds (SubmissionsBulkLoadTest checks them)
        LocalDateTime at = i % 13 == 0 ? null : LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(i * 37);
        Boolean flag = i % 7 == 0 ? null : i % 2 == 0;
        UUID ref = i % 5 == 0 ? null : new UUID(i, -i);
        return NOTES.row(i, body, score, at, flag, ref);
    }

    static String checksum(Iterable<? extends org.jooq.Record> rows, Notes t) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (var r : rows) {
            sha.update((Notes.line(r, t) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void awkwardRowsLoadExactlyWithProgress(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            NOTES.create(db);
            List<Notes.Row> rows = LongStream.rangeClosed(1, 20_000).mapToObj(BulkInsertTest::awkward).toList();
            List<long[]> progress = new ArrayList<>();
            long inserted = db.bulkInsert(NOTES, rows, BulkOptions.builder().batchSize(3_000)
                    .progress((table, done, total) -> progress.add(new long[] {done, total})).build());

            assertThat(inserted).isEqualTo(20_000);
            assertThat(checksum(db.dsl().selectFrom(NOTES).orderBy(NOTES.id).fetch(), NOTES)).isEqualTo(checksum(rows, NOTES));
            assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(20_000));
            assertThat(progress.stream().mapToLong(p -> p[0])).isSorted().last().isEqualTo(20_000L);
            assertThat(progress.size()).isBetween(6, 8); // about one report per batch of 3000 and one at the end
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void conflictPoliciesAndAllOrNothing(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            NOTES.create(db);
            db.bulkInsert(NOTES, LongStream.rangeClosed(1, 10).mapToObj(BulkInsertTest::awkward).toList());
            String before = checksum(db.dsl().selectFrom(NOTES).orderBy(NOTES.id).fetch(), NOTES);

            // FAIL: one duplicate key fails the whole load; nothing of it stays
            List<Notes.Row> overlapping = LongStream.rangeClosed(6, 25).mapToObj(i -> NOTES.row(i, "second " + i, null, null, true, null)).toList();
            assertThatThrownBy(() -> db.bulkInsert(NOTES, overlapping)).isInstanceOf(DataAccessException.class)
                    .hasMessageStartingWith("Bulk insert into bulk_notes failed").hasMessageContaining("bulk_notes");
            assertThat(db.dsl().fetchCount(NOTES)).isEqualTo(10);

            // SKIP_EXISTING: the new keys load, the existing rows stay as they were
            long inserted = db.bulkInsert(NOTES, overlapping.stream(), BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).build());
            assertThat(inserted).isEqualTo(15);
            assertThat(db.dsl().fetchCount(NOTES)).isEqualTo(25);
            assertThat(checksum(db.dsl().selectFrom(NOTES).where(NOTES.id.le(10L)).orderBy(NOTES.id).fetch(), NOTES)).isEqualTo(before);
            assertThat(db.dsl().fetchValue(NOTES.body, NOTES.id.eq(20L))).isEqualTo("second 20");

            // again: everything exists, nothing changes
            assertThat(db.bulkInsert(NOTES, overlapping, BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).build())).isZero();

            // a table without a primary key cannot recognise existing rows: said before anything is written
            KEYLESS.create(db);
            assertThatThrownBy(() -> db.bulkInsert(KEYLESS, List.of(KEYLESS.row(1, "x", null, null, null, null)),
                    BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot skip existing rows of table bulk_keyless: it has no primary key, so existing rows cannot be "
                            + "recognised; load it with ConflictPolicy.FAIL");
            assertThat(db.bulkInsert(KEYLESS, List.of(KEYLESS.row(1, "x", null, null, null, null), KEYLESS.row(1, "x", null, null, null, null))))
                    .isEqualTo(2);
            assertThat(db.bulkInsert(KEYLESS, List.of())).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aStreamLoadsAsItComesWithTotalUnknown(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            NOTES.create(db);
            List<Long> totals = new ArrayList<>();
            long inserted = db.bulkInsert(NOTES, LongStream.rangeClosed(1, 5_000).mapToObj(BulkInsertTest::awkward),
                    BulkOptions.builder().progress((t, done, total) -> totals.add(total)).build());
            assertThat(inserted).isEqualTo(5_000);
            assertThat(totals).isNotEmpty().containsOnly(-1L);
            assertThat(checksum(db.dsl().selectFrom(NOTES).orderBy(NOTES.id).fetch(), NOTES))
                    .isEqualTo(checksum(LongStream.rangeClosed(1, 5_000).mapToObj(BulkInsertTest::awkward).toList(), NOTES));
        }
    }

    /** A table of plain columns only (text, whole numbers, doubles, booleans): loaded with direct JDBC setters. */
    static final class Plain extends org.jooq.impl.TableImpl<org.jooq.Record> {
        private static final long serialVersionUID = 1L;
        static final Plain PLAIN = new Plain();
        final org.jooq.TableField<org.jooq.Record, Long> id = createField(org.jooq.impl.DSL.name("id"),
                org.jooq.impl.SQLDataType.BIGINT.nullable(false));
        final org.jooq.TableField<org.jooq.Record, String> body = createField(org.jooq.impl.DSL.name("body"), org.jooq.impl.SQLDataType.CLOB);
        final org.jooq.TableField<org.jooq.Record, Integer> n = createField(org.jooq.impl.DSL.name("n"), org.jooq.impl.SQLDataType.INTEGER);
        final org.jooq.TableField<org.jooq.Record, Double> score = createField(org.jooq.impl.DSL.name("score"), org.jooq.impl.SQLDataType.DOUBLE);
        final org.jooq.TableField<org.jooq.Record, Boolean> flag = createField(org.jooq.impl.DSL.name("flag"), org.jooq.impl.SQLDataType.BOOLEAN);
        private final transient org.jooq.UniqueKey<org.jooq.Record> key = org.jooq.impl.Internal.createUniqueKey(this,
                org.jooq.impl.DSL.name("bulk_plain_pkey"), new org.jooq.TableField[] {id}, true);

        private Plain() {
            super(org.jooq.impl.DSL.name("bulk_plain"));
        }

        @Override
        public org.jooq.UniqueKey<org.jooq.Record> getPrimaryKey() {
            return key;
        }

        org.jooq.Record row(Database db, long i) {
            org.jooq.Record r = db.dsl().newRecord(fields());
            r.set(id, i);
            r.set(body, i % 9 == 0 ? null : AWKWARD[(int) (i % AWKWARD.length)] + " #" + i);
            r.set(n, i % 4 == 0 ? null : (int) -i);
            r.set(score, i % 5 == 0 ? null : i / 7.0);
            r.set(flag, i % 3 == 0 ? null : i % 2 == 0);
            return r;
        }

        String text(org.jooq.Record r) {
            return r.get(id) + "|" + r.get(body) + "|" + r.get(n) + "|" + r.get(score) + "|" + r.get(flag);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void plainColumnsLoadExactlyThroughDirectSetters(Vendor vendor) {
        Plain t = Plain.PLAIN;
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            db.dsl().createTable(t).columns(t.fields()).primaryKey(t.id).execute();
            List<org.jooq.Record> rows = LongStream.rangeClosed(1, 10_000).mapToObj(i -> t.row(db, i)).toList();
            assertThat(db.bulkInsert(t, rows)).isEqualTo(10_000);
            assertThat(db.dsl().selectFrom(t).orderBy(t.id).fetch().stream().map(t::text).toList())
                    .isEqualTo(rows.stream().map(t::text).toList());
            List<org.jooq.Record> again = LongStream.rangeClosed(9_001, 12_000).mapToObj(i -> t.row(db, i)).toList();
            assertThat(db.bulkInsert(t, again, BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).build())).isEqualTo(2_000);
            assertThat(db.dsl().fetchCount(t)).isEqualTo(12_000);
        }
    }
}
