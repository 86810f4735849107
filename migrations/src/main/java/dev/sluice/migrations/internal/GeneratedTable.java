package dev.sluice.migrations.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.TableImpl;
import org.jooq.impl.TableRecordImpl;

/**
 * A table known only at run time, as jOOQ's generated classes would describe it: the columns the generator fills and,
 * when they include all of it, the primary key. Its records go through {@code Database.bulkInsert}.
 */
final class GeneratedTable extends TableImpl<GeneratedTable.Row> {
    private static final long serialVersionUID = 1L;

    /** A row of a {@link GeneratedTable}. */
    static final class Row extends TableRecordImpl<Row> {
        private static final long serialVersionUID = 1L;

        Row(GeneratedTable table) {
            super(table);
        }
    }

    private final transient UniqueKey<Row> primaryKey;
    private final List<TableField<Row, ?>> columns = new ArrayList<>();

    /**
     * @param name the table
     * @param columns the filled columns with their types ({@code null} binding: the type's own)
     * @param primaryKey the primary key's columns, all among {@code columns}; empty when it has none or is not filled
     */
    GeneratedTable(String name, List<ColumnFiller> columns, List<String> primaryKey) {
        super(DSL.name(name));
        for (ColumnFiller c : columns) {
            this.columns.add(field(DSL.name(c.name), c));
        }
        List<TableField<Row, ?>> pk = new ArrayList<>();
        for (String k : primaryKey) {
            this.columns.stream().filter(f -> f.getName().equalsIgnoreCase(k)).findFirst().ifPresent(pk::add);
        }
        this.primaryKey = pk.isEmpty() || pk.size() != primaryKey.size() ? null
                : Internal.createUniqueKey(this, DSL.name(name + "_pkey"), pk.toArray(TableField[]::new), true);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private TableField<Row, ?> field(Name name, ColumnFiller c) {
        DataType type = c.dataType();
        return c.castType() == null ? createField(name, type) : createField(name, type, "", new CastBinding(c.castType()));
    }

    /** The filled columns, in order. */
    List<TableField<Row, ?>> columns() {
        return columns;
    }

    @Override
    public UniqueKey<Row> getPrimaryKey() {
        return primaryKey;
    }

    @Override
    public Class<Row> getRecordType() {
        return Row.class;
    }

    /** A new, empty row. */
    Row newRow() {
        return new Row(this);
    }
}
