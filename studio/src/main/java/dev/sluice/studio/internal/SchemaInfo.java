package dev.sluice.studio.internal;

import dev.sluice.connection.Redaction;
import dev.sluice.connection.RowSecurity;
import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.MigrationStatus;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;

/** The schema view: tables with columns, keys, indexes and row-level security; the migration timeline; the drift report. */
final class SchemaInfo {
    private final Database db;
    private final Catalog catalog;
    private final List<String> locations;

    SchemaInfo(Database db, Catalog catalog, List<String> locations) {
        this.db = db;
        this.catalog = catalog;
        this.locations = locations;
    }

    /** Every table and view with its columns, keys and indexes, and each table's row-level security where the vendor has it. */
    Map<String, Object> schema() {
        List<Table<?>> tables = catalog.tables();
        Optional<RowSecurity> rls = db.dsl().connectionResult(c -> db.vendor().rowSecurity(c,
                tables.stream().filter(t -> !Catalog.isView(t)).map(Table::getName).toList()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Table<?> t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.getName());
            m.put("view", Catalog.isView(t));
            List<Map<String, Object>> columns = new ArrayList<>();
            for (Field<?> f : t.fields()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", f.getName());
                c.put("type", f.getDataType().getTypeName().toLowerCase(Locale.ROOT));
                c.put("nullable", f.getDataType().nullable());
                columns.add(c);
            }
            m.put("columns", columns);
            m.put("primaryKey", Catalog.primaryKey(t).stream().map(Field::getName).toList());
            List<Map<String, Object>> fks = new ArrayList<>();
            for (ForeignKey<?, ?> fk : t.getReferences()) {
                fks.add(Map.of("name", fk.getName(), "columns", names(fk.getFields()), "table", fk.getKey().getTable().getName(),
                        "referencedColumns", names(fk.getKey().getFields())));
            }
            m.put("foreignKeys", fks);
            List<Map<String, Object>> uniques = new ArrayList<>();
            for (UniqueKey<?> k : t.getUniqueKeys()) {
                uniques.add(Map.of("name", k.getName(), "columns", names(k.getFields())));
            }
            m.put("uniqueKeys", uniques);
            List<Map<String, Object>> indexes = new ArrayList<>();
            for (Index i : t.getIndexes()) {
                indexes.add(Map.of("name", i.getName(), "unique", i.getUnique(),
                        "columns", i.getFields().stream().map(SortField::getName).toList()));
            }
            m.put("indexes", indexes);
            RowSecurity.Table security = rls.map(r -> r.tables().get(t.getName())).orElse(null);
            m.put("rowSecurity", security == null ? null : Map.of("enabled", security.enabled(), "forced", security.forced(),
                    "policies", security.policies()));
            out.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rowSecuritySupported", rls.isPresent());
        result.put("role", rls.map(RowSecurity::role).orElse(null));
        result.put("tables", out);
        return result;
    }

    /** The migrations as a timeline: applied, pending, failed, each with whether it has a down script. */
    Map<String, Object> migrations() {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Migrations m = migrationsOf();
            out.put("locations", m.locations());
            out.put("historyTable", m.table());
            out.put("current", m.currentVersion());
            List<Map<String, Object>> list = new ArrayList<>();
            for (MigrationStatus s : m.info()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("version", s.version());
                e.put("description", s.description());
                e.put("script", s.script());
                e.put("state", s.state().displayName());
                e.put("applied", s.state().isApplied());
                e.put("failed", s.state().isFailed());
                e.put("installedOn", s.installedOn() == null ? null : s.installedOn().toString());
                e.put("downScript", s.hasDownScript());
                list.add(e);
            }
            out.put("migrations", list);
        } catch (RuntimeException e) {
            out.put("error", Redaction.redact(String.valueOf(e.getMessage())));
            out.put("migrations", List.of());
        }
        return out;
    }

    /** What {@code check-schema} reports: the live schema against what the migrations produce in a throwaway database. */
    Map<String, Object> drift() {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            DriftReport r = migrationsOf().checkSchemaAgainstMigrations();
            out.put("clean", r.clean());
            out.put("summary", r.summary());
            out.put("differences", r.differences());
        } catch (RuntimeException e) {
            out.put("error", Redaction.redact(String.valueOf(e.getMessage())));
        }
        return out;
    }

    private Migrations migrationsOf() {
        Migrations.Builder b = Migrations.builder(db);
        if (!locations.isEmpty()) {
            b.locations(locations.toArray(String[]::new));
        }
        return b.build();
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(Field::getName).toList();
    }
}
