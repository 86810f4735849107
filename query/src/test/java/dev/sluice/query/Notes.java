package dev.sluice.query;

import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.jooq.impl.TableRecordImpl;

/** A user's own table, as jOOQ would generate it, that Sluice has never seen: what bulk loading must handle. */
final class Notes extends TableImpl<Notes.Row> {
    private static final long serialVersionUID = 1L;
    static final Notes NOTES = new Notes("bulk_notes", true);
    /** The same columns without a primary key. */
    static final Notes KEYLESS = new Notes("bulk_keyless", false);

    /** A row. */
    static final class Row extends TableRecordImpl<Row> {
        private static final long serialVersionUID = 1L;

        Row() {
            super(NOTES);
        }

        Row(Notes table) {
            super(table);
        }
    }

    final TableField<Row, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
    final TableField<Row, String> body = createField(DSL.name("body"), SQLDataType.CLOB);
    final TableField<Row, Double> score = createField(DSL.name("score"), SQLDataType.DOUBLE);
    final TableField<Row, LocalDateTime> at = createField(DSL.name("at"), SQLDataType.LOCALDATETIME(6));
    final TableField<Row, Boolean> flag = createField(DSL.name("flag"), SQLDataType.BOOLEAN);
    final TableField<Row, UUID> ref = createField(DSL.name("ref"), SQLDataType.UUID);
    private final transient UniqueKey<Row> key;

    private Notes(String name, boolean keyed) {
        super(DSL.name(name));
        key = keyed ? Internal.createUniqueKey(this, DSL.name(name + "_pkey"), new TableField[] {id}, true) : null;
    }

    @Override
    public UniqueKey<Row> getPrimaryKey() {
        return key;
    }

    @Override
    public Class<Row> getRecordType() {
        return Row.class;
    }

    Row row(long id, String body, Double score, LocalDateTime at, Boolean flag, UUID ref) {
        Row r = new Row(this);
        r.set(this.id, id);
        r.set(this.body, body);
        r.set(this.score, score);
        r.set(this.at, at);
        r.set(this.flag, flag);
        r.set(this.ref, ref);
        return r;
    }

    /** Creates the table on the database. */
    void create(Database db) {
        var create = db.dsl().createTable(this).columns(fields());
        (key == null ? create : create.primaryKey(id)).execute();
    }

    /** Rows and their typed values, one line each in key order: what a checksum covers. */
    static String line(Record r, Notes t) {
        return r.get(t.id) + "|" + r.get(t.body) + "|" + r.get(t.score) + "|" + r.get(t.at) + "|" + r.get(t.flag) + "|" + r.get(t.ref);
    }
}
