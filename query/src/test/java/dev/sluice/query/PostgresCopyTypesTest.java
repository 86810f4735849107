package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.TableImpl;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** COPY on PostgreSQL: every type a schema commonly uses arrives exactly as sent; NUL is refused naming row and column. */
class PostgresCopyTypesTest {
    static final Field<Integer> ID = field(name("id"), SQLDataType.INTEGER);
    static final Field<String> TXT = field(name("txt"), SQLDataType.CLOB);
    static final Field<OffsetDateTime> TS = field(name("ts"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    static final Field<LocalDate> DAY = field(name("day"), SQLDataType.LOCALDATE);
    static final Field<UUID> REF = field(name("ref"), SQLDataType.UUID);
    static final Field<JSON> DOC = field(name("doc"), SQLDataType.JSON);
    static final Field<JSONB> DOCB = field(name("docb"), SQLDataType.JSONB);
    static final Field<String[]> TAGS = field(name("tags"), SQLDataType.CLOB.array());
    static final Field<Integer[]> NUMS = field(name("nums"), SQLDataType.INTEGER.array());
    static final Field<byte[]> BLOB = field(name("blob"), SQLDataType.BLOB);
    static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.NUMERIC(20, 6));
    static final Field<Double> RATIO = field(name("ratio"), SQLDataType.DOUBLE);
    static final Field<Boolean> OK = field(name("ok"), SQLDataType.BOOLEAN);
    static final List<Field<?>> ALL = List.of(ID, TXT, TS, DAY, REF, DOC, DOCB, TAGS, NUMS, BLOB, AMOUNT, RATIO, OK);
    static final Table<Record> TYPES = new CopyTypes();

    /** A table known only at run time (no generated class), with the columns above. */
    static final class CopyTypes extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;

        CopyTypes() {
            super(name("copy_types"));
            ALL.forEach(f -> createField(f.getUnqualifiedName(), f.getDataType()));
        }
    }

    @Test
    void everyTypeRoundTripsAndNulIsRefused() {
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE copy_types (id int PRIMARY KEY, txt text, ts timestamptz, day date, ref uuid, doc json, "
                    + "docb jsonb, tags text[], nums int[], blob bytea, amount numeric(20,6), ratio float8, ok boolean)");
            Record full = db.dsl().newRecord(ALL.toArray(Field[]::new));
            full.set(ID, 1);
            full.set(TXT, "tab\t nl\n cr\r bs\\ q\" sq' comma, \\N emoji 😀");
            full.set(TS, OffsetDateTime.of(2026, 11, 30, 13, 45, 1, 123_456_000, ZoneOffset.ofHours(2)));
            full.set(DAY, LocalDate.of(1999, 12, 31));
            full.set(REF, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
            full.set(DOC, JSON.valueOf("{\"a\": \"x\\ty\\\"z\", \"b\": [1, 2]}"));
            full.set(DOCB, JSONB.valueOf("{\"k\": \"😀\\\\\"}"));
            full.set(TAGS, new String[] {"plain", "with \"quote\"", "with \\ backslash", "with,comma", "{brace}", null, "", "NULL"});
            full.set(NUMS, new Integer[] {1, null, -3});
            full.set(BLOB, new byte[] {0, 1, (byte) 0xff, '\\', '"', '\n'});
            full.set(AMOUNT, new BigDecimal("12345678901234.123456"));
            full.set(RATIO, Double.NaN);
            full.set(OK, true);
            Record empty = db.dsl().newRecord(ALL.toArray(Field[]::new));
            empty.set(ID, 2);

            assertThat(db.bulkInsert(TYPES, List.of(full, empty))).isEqualTo(2);

            Record back = db.dsl().selectFrom(TYPES).where(ID.eq(1)).fetchOne();
            assertThat(back.get(TXT)).isEqualTo(full.get(TXT));
            assertThat(back.get(TS).toInstant()).isEqualTo(full.get(TS).toInstant());
            assertThat(back.get(DAY)).isEqualTo(full.get(DAY));
            assertThat(back.get(REF)).isEqualTo(full.get(REF));
            assertThat(back.get(DOC).data()).isEqualTo(full.get(DOC).data()); // json keeps the text as given
            assertThat(db.dsl().fetchValue("SELECT docb ->> 'k' FROM copy_types WHERE id = 1", String.class)).isEqualTo("😀\\");
            assertThat(back.get(TAGS)).containsExactly(full.get(TAGS));
            assertThat(back.get(NUMS)).containsExactly(1, null, -3);
            assertThat(back.get(BLOB)).isEqualTo(full.get(BLOB));
            assertThat(back.get(AMOUNT)).isEqualByComparingTo(full.get(AMOUNT));
            assertThat(back.get(RATIO)).isNaN();
            assertThat(back.get(OK)).isTrue();
            // every column of the second row is NULL, not an empty string or an empty array
            assertThat(db.dsl().fetchValue("SELECT num_nulls(txt, ts, day, ref, doc, docb, tags, nums, blob, amount, ratio, ok) "
                    + "FROM copy_types WHERE id = 2", Integer.class)).isEqualTo(12);

            Record nul = db.dsl().newRecord(ALL.toArray(Field[]::new));
            nul.set(ID, 3);
            nul.set(TXT, "before\0after");
            Record later = db.dsl().newRecord(ALL.toArray(Field[]::new));
            later.set(ID, 4);
            assertThatThrownBy(() -> db.bulkInsert(TYPES, List.of(later, nul)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot bulk insert into copy_types: row 2, column txt: the value contains a NUL character (U+0000), "
                            + "which PostgreSQL cannot store in text, JSON or arrays; remove or replace it");
            assertThat(db.dsl().fetchCount(TYPES)).isEqualTo(2); // nothing of the failed load stays, and the connection works
        }
    }

    /** Numbers of each width, written without quotes (and without a String each) by the COPY path. */
    static final class CopyNumbers extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final Field<Integer> id = createField(name("id"), SQLDataType.INTEGER);
        final Field<Long> big = createField(name("big"), SQLDataType.BIGINT);
        final Field<Integer> small = createField(name("small"), SQLDataType.INTEGER);
        final Field<Double> real = createField(name("real"), SQLDataType.DOUBLE);

        CopyNumbers() {
            super(name("copy_numbers"));
        }
    }

    @Test
    void numbersRoundTripExactly() {
        CopyNumbers table = new CopyNumbers();
        Field<Integer> id = table.id;
        Field<Long> big = table.big;
        Field<Integer> small = table.small;
        Field<Double> real = table.real;
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            db.dsl().execute("CREATE TABLE copy_numbers (id int PRIMARY KEY, big bigint, small int, real float8)");
            long[] bigs = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
            int[] smalls = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -7};
            double[] reals = {-0.0, 1 / 3.0, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 123456789.125};
            List<Record> rows = new java.util.ArrayList<>();
            for (int i = 0; i < reals.length; i++) {
                Record r = db.dsl().newRecord(id, big, small, real);
                r.set(id, i);
                r.set(big, bigs[i % bigs.length]);
                r.set(small, smalls[i % smalls.length]);
                r.set(real, reals[i]);
                rows.add(r);
            }
            assertThat(db.bulkInsert(table, rows)).isEqualTo(reals.length);
            for (Record r : db.dsl().select(id, big, small, real).from(table).orderBy(id).fetch()) {
                int i = r.get(id);
                assertThat(r.get(big)).isEqualTo(bigs[i % bigs.length]);
                assertThat(r.get(small)).isEqualTo(smalls[i % smalls.length]);
                assertThat(Double.doubleToRawLongBits(r.get(real))).as("row %d", i).isEqualTo(Double.doubleToRawLongBits(reals[i]));
            }
        }
    }
}
