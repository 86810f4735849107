package dev.sluice.studio.internal;

import dev.sluice.connection.Redaction;
import dev.sluice.query.Database;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Table;
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
    private volatile List<Link> links;
    private volatile long readAt;

    /**
     * One column of a foreign key, read with JDBC's {@code getImportedKeys} (jOOQ's SQLite metadata leaves composite
     * keys out): {@code table.column} refers to {@code refTable.refColumn}.
     *
     * @param key the foreign key's name
     * @param columns how many columns the key has
     */
    record Link(String table, String column, String refTable, String refColumn, String key, int columns) {}

    Catalog(Database db) {
        this.db = db;
    }

    /** The tables and views, by name. */
    List<Table<?>> tables() {
        List<Table<?>> t = tables;
        if (t == null || System.nanoTime() - readAt > REFRESH_NANOS) {
            t = read();
            tables = t;
            links = readLinks(t);
            readAt = System.nanoTime();
        }
        return t;
    }

    /** Every foreign key column of every table. */
    List<Link> links() {
        tables();
        return links;
    }

    private List<Link> readLinks(List<Table<?>> all) {
        return db.dsl().connectionResult(c -> {
            String schema = db.vendor().currentSchema(c);
            java.util.List<Link> out = new java.util.ArrayList<>();
            for (Table<?> t : all) {
                if (isView(t)) {
                    continue;
                }
                java.util.List<String[]> rows = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), schema == null ? null : c.getSchema(), t.getName())) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"),
                            String.valueOf(rs.getString("FK_NAME")) + "/" + rs.getString("PKTABLE_NAME")});
                    }
                }
                for (String[] r : rows) {
                    int n = (int) rows.stream().filter(o -> o[3].equals(r[3])).count();
                    out.add(new Link(t.getName(), r[0], r[1], r[2], r[3], n));
                }
            }
            return List.copyOf(out);
        });
    }

    private List<Table<?>> read() {
        return db.dsl().connectionResult(c -> {
            String schema = db.vendor().currentSchema(c);
            // jOOQ reads some metadata with queries of its own: on this connection, not a second one from the pool
            Meta meta = org.jooq.impl.DSL.using(c, db.metadataDialect()).meta();
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
    Link referenced(String table, String column) {
        Link found = null;
        for (Link l : links()) {
            if (l.table().equals(table) && l.column().equals(column) && (found == null || l.columns() == 1)) {
                found = l;
            }
        }
        return found;
    }
}
