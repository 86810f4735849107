package dev.sluice.studio.internal;

import dev.sluice.connection.Redaction;
import dev.sluice.query.Database;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Meta;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableOptions;

/**
 * The tables and views of the database's current schema as jOOQ reads them from the JDBC metadata: never a fixed list,
 * so a user's own schema is the normal case. Every table and column name a request gives is looked up here before it
 * reaches SQL; the SQL itself is built by jOOQ with bound values. The snapshot is read again after a few seconds (a
 * migration may have added a table).
 */
final class Catalog {
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private final Database db;
    private volatile List<Table<?>> tables;
    private volatile long readAt;

    Catalog(Database db) {
        this.db = db;
    }

    /** The tables and views, by name. */
    List<Table<?>> tables() {
        List<Table<?>> t = tables;
        if (t == null || System.nanoTime() - readAt > REFRESH_NANOS) {
            t = read();
            tables = t;
            readAt = System.nanoTime();
        }
        return t;
    }

    private List<Table<?>> read() {
        return db.dsl().connectionResult(c -> {
            String schema = db.vendor().currentSchema(c);
            // jOOQ reads some metadata with queries of its own: on this connection, not a second one from the pool
            Meta meta = org.jooq.impl.DSL.using(c, db.dialect()).meta();
            if (schema != null) {
                meta = meta.filterSchemas(s -> s.getName().equalsIgnoreCase(schema));
            }
            Meta snapshot = meta.snapshot(); // keys, references and indexes read once, not per request
            return snapshot.getTables().stream()
                    .filter(t -> !t.getName().toLowerCase(Locale.ROOT).startsWith("sqlite_"))
                    .sorted(Comparator.comparing(t -> t.getName().toLowerCase(Locale.ROOT)))
                    .collect(Collectors.<Table<?>>toUnmodifiableList());
        });
    }

    /** The table or view named {@code name}. */
    Table<?> table(String name) {
        if (name == null || name.isBlank()) {
            throw new StudioException(400, "Give a table: table=<name>");
        }
        for (Table<?> t : tables()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new StudioException(404, "No table or view named '" + name + "' in the schema; there are " + tables().size()
                + " (see the list)");
    }

    /** The column named {@code name} of {@code table}. */
    static Field<?> column(Table<?> table, String name) {
        Field<?> f = name == null ? null : table.field(name);
        if (f == null) {
            throw new StudioException(400, "Table '" + table.getName() + "' has no column '" + name + "'; its columns are "
                    + table.fieldStream().map(Field::getName).collect(Collectors.joining(", ")));
        }
        return f;
    }

    /** Whether {@code table} is a view (or a materialized view). */
    static boolean isView(Table<?> table) {
        TableOptions.TableType type = table.getOptions().type();
        return type.isView();
    }

    /** Whether a column's values are never sent: its name says it holds a password, secret or token. */
    static boolean secret(Field<?> column) {
        return Redaction.isSecretName(column.getName());
    }

    /** The primary key's columns, or none. */
    static List<Field<?>> primaryKey(Table<?> table) {
        return table.getPrimaryKey() == null ? List.of() : List.copyOf(table.getPrimaryKey().getFields());
    }

    /**
     * The column that {@code column} of {@code table} refers to, through the single-column foreign key on it or else
     * through a composite one (the built-in schema's {@code (organization_id, form_id) -> forms (organization_id, id)}
     * makes {@code form_id} refer to {@code forms.id}); {@code null} when it refers to nothing.
     */
    static TableField<?, ?> referenced(Table<?> table, Field<?> column) {
        TableField<?, ?> found = null;
        for (ForeignKey<?, ?> fk : table.getReferences()) {
            int i = fk.getFields().stream().map(Field::getName).toList().indexOf(column.getName());
            if (i >= 0 && (found == null || fk.getFields().size() == 1)) {
                found = fk.getKey().getFields().get(i);
            }
        }
        return found;
    }

    /** The foreign keys of other tables (and this one) that point at {@code table}. */
    List<ForeignKey<?, ?>> referencing(Table<?> table) {
        return tables().stream().flatMap(t -> t.getReferences().stream())
                .filter(fk -> Objects.equals(fk.getKey().getTable().getName(), table.getName()))
                .collect(Collectors.<ForeignKey<?, ?>>toUnmodifiableList());
    }
}
