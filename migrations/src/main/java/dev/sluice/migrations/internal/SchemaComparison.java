package dev.sluice.migrations.internal;

import dev.sluice.migrations.DriftReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a live database with the one its migrations produce (both read with {@link LiveSchema#readAll}, on the same
 * vendor): tables; columns with their exact type, nullability and default; primary, foreign and unique keys; indexes;
 * checks; views, triggers, routines and user-defined types; PostgreSQL's row-level security flags and policies.
 * Constraint and index names are not compared, only what they constrain. Differences read as in {@link DriftReport}.
 */
public final class SchemaComparison {
    private static final int SHOWN = 120;
    private static final int CONTEXT = 10;

    private SchemaComparison() {}

    /**
     * Compares {@code live} with {@code expected}; tables in {@code ignored} (history tables, any case) are skipped
     * on both sides.
     */
    public static DriftReport compare(LiveSchema expected, LiveSchema live, Set<String> ignored) {
        Set<String> skip = new HashSet<>();
        ignored.forEach(t -> skip.add(LiveSchema.key(t)));
        Map<String, LiveSchema.Table> want = byKey(expected, skip);
        Map<String, LiveSchema.Table> have = byKey(live, skip);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, LiveSchema.Table> e : want.entrySet()) {
            LiveSchema.Table found = have.get(e.getKey());
            if (found == null) {
                out.add(e.getValue().name() + ": table missing");
            } else {
                new TableComparison(e.getValue(), found, expected.objects(), live.objects(), out).run();
            }
        }
        for (Map.Entry<String, LiveSchema.Table> e : have.entrySet()) {
            if (!want.containsKey(e.getKey())) {
                out.add(e.getValue().name() + ": unexpected table");
            }
        }
        SchemaObjects x = expected.objects();
        SchemaObjects y = live.objects();
        named("view", x.views(), y.views(), out);
        named("trigger", x.triggers(), y.triggers(), out);
        named("routine", x.routines(), y.routines(), out);
        named("type", x.types(), y.types(), out);
        return new DriftReport(want.size(), out, List.of());
    }

    private static Map<String, LiveSchema.Table> byKey(LiveSchema s, Set<String> skip) {
        Map<String, LiveSchema.Table> out = new TreeMap<>();
        for (LiveSchema.Table t : s.tables()) {
            if (!skip.contains(LiveSchema.key(t.name()))) {
                out.put(LiveSchema.key(t.name()), t);
            }
        }
        return out;
    }

    /** Objects compared by name and definition: {@code view order_totals: missing}, {@code ...: definition differs}. */
    private static void named(String kind, Map<String, String> expected, Map<String, String> live, List<String> out) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String found = live.get(e.getKey());
            if (found == null) {
                out.add(kind + " " + e.getKey() + ": missing");
            } else if (!found.equals(e.getValue())) {
                out.add(kind + " " + e.getKey() + ": " + differing(e.getValue(), found));
            }
        }
        for (String name : live.keySet()) {
            if (!expected.containsKey(name)) {
                out.add(kind + " " + name + ": unexpected");
            }
        }
    }

    /**
     * {@code expected [...], found [...]}: the part where two definitions differ, with a little context, so a long
     * view or function body does not hide the change.
     */
    static String differing(String expected, String found) {
        int prefix = 0;
        int max = Math.min(expected.length(), found.length());
        while (prefix < max && expected.charAt(prefix) == found.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && expected.charAt(expected.length() - 1 - suffix) == found.charAt(found.length() - 1 - suffix)) {
            suffix++;
        }
        return "expected " + excerpt(expected, prefix, suffix) + ", found " + excerpt(found, prefix, suffix);
    }

    private static String excerpt(String s, int prefix, int suffix) {
        int from = Math.max(0, prefix - CONTEXT);
        int to = Math.min(s.length(), Math.max(from, s.length() - suffix) + CONTEXT);
        String part = s.substring(from, to);
        if (part.length() > SHOWN) {
            part = part.substring(0, SHOWN);
            to = s.length() + 1; // mark as cut
        }
        return "[" + (from > 0 ? "..." : "") + part + (to < s.length() || to > s.length() ? "..." : "") + "]";
    }

    /** The comparison of one table present on both sides. */
    private record TableComparison(LiveSchema.Table want, LiveSchema.Table have, SchemaObjects wantObjects,
            SchemaObjects haveObjects, List<String> out) {
        void run() {
            columns();
            if (!LiveSchema.keys(want.primaryKey()).equals(LiveSchema.keys(have.primaryKey()))) {
                out.add(want.name() + ": primary key expected " + list(want.primaryKey()) + ", found " + list(have.primaryKey()));
            }
            sets("foreign key", want.foreignKeys(), have.foreignKeys(),
                    fk -> list(fk.columns()) + " -> " + LiveSchema.key(fk.referencedTable()) + " " + list(fk.referencedColumns())
                            + ("NO ACTION".equals(fk.onDelete()) ? "" : " ON DELETE " + fk.onDelete()));
            sets("index", indexes(want), indexes(have), Function.identity());
            sets("check", wantObjects.checks(want.name()), haveObjects.checks(have.name()), c -> "(" + c + ")");
            security();
        }

        private void columns() {
            for (LiveSchema.Column c : want.columns().values()) {
                LiveSchema.Column found = have.column(c.name());
                if (found == null) {
                    out.add(want.name() + "." + c.name() + ": missing");
                    continue;
                }
                String expectedType = describe(c, wantObjects);
                String foundType = describe(found, haveObjects);
                if (!expectedType.equals(foundType)) {
                    out.add(want.name() + "." + c.name() + ": expected " + expectedType + ", found " + foundType);
                }
                if (!Objects.equals(c.defaultValue(), found.defaultValue())) {
                    out.add(want.name() + "." + c.name() + ": default expected " + orNone(c.defaultValue()) + ", found "
                            + orNone(found.defaultValue()));
                }
            }
            for (LiveSchema.Column c : have.columns().values()) {
                if (want.column(c.name()) == null) {
                    out.add(want.name() + ": unexpected column " + c.name());
                }
            }
        }

        private String describe(LiveSchema.Column c, SchemaObjects objects) {
            String exact = objects.columnType(want.name(), c.name());
            return (exact != null ? exact : c.declaredType()).toUpperCase(java.util.Locale.ROOT) + (c.nullable() ? " NULL" : " NOT NULL");
        }

        /** Indexes as {@code (a, b)} or {@code unique (a)}, with a partial index's condition; the primary key's own left out. */
        private static List<String> indexes(LiveSchema.Table t) {
            Set<String> pk = LiveSchema.keys(t.primaryKey());
            boolean pkIndexSkipped = false;
            List<String> out = new ArrayList<>();
            for (LiveSchema.Index i : t.indexes()) {
                if (!pkIndexSkipped && i.unique() && !pk.isEmpty() && LiveSchema.keys(i.columns()).equals(pk)) {
                    pkIndexSkipped = true; // compared as the primary key
                    continue;
                }
                out.add((i.unique() ? "unique " : "") + list(i.columns().stream().map(LiveSchema::key).toList())
                        + (i.filter() == null ? "" : " where " + SchemaObjects.normalise(i.filter())));
            }
            return out;
        }

        private <T> void sets(String kind, List<T> expected, List<T> found, Function<T, String> shownAs) {
            List<String> left = new ArrayList<>(found.stream().map(shownAs).toList());
            List<String> wanted = new ArrayList<>(expected.stream().map(shownAs).toList());
            for (String w : new ArrayList<>(wanted)) {
                if (left.remove(w)) {
                    wanted.remove(w);
                }
            }
            for (String w : wanted) {
                out.add(want.name() + ": " + kind + " " + w + " missing");
            }
            for (String f : left) {
                out.add(want.name() + ": unexpected " + kind + " " + f);
            }
        }

        private void security() {
            SchemaObjects.RowSecurity w = wantObjects.security().get(LiveSchema.key(want.name()));
            SchemaObjects.RowSecurity h = haveObjects.security().get(LiveSchema.key(have.name()));
            if (w == null || h == null) {
                return;
            }
            if (w.enabled() != h.enabled() || w.forced() != h.forced()) {
                out.add(want.name() + ": row-level security expected " + rls(w) + ", found " + rls(h));
            }
            Map<String, String> found = new TreeMap<>(h.policies());
            for (Map.Entry<String, String> p : new TreeMap<>(w.policies()).entrySet()) {
                String f = found.remove(p.getKey());
                if (f == null) {
                    out.add(want.name() + ": policy " + p.getKey() + " missing");
                } else if (!f.equals(p.getValue())) {
                    out.add(want.name() + ": policy " + p.getKey() + " " + differing(p.getValue(), f));
                }
            }
            for (String extra : new TreeSet<>(found.keySet())) {
                out.add(want.name() + ": unexpected policy " + extra);
            }
        }

        private static String rls(SchemaObjects.RowSecurity s) {
            return (s.enabled() ? "ENABLE" : "DISABLE") + " and " + (s.forced() ? "FORCE" : "NO FORCE");
        }

        private static String list(List<String> names) {
            return names.isEmpty() ? "none" : "(" + String.join(", ", names) + ")";
        }

        private static String orNone(String value) {
            return value == null ? "none" : value;
        }
    }
}
