package dev.sluice.migrations.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order to fill tables in: every table after the tables its foreign keys reference (self-references aside), ties
 * by name. A cycle is broken at a foreign key whose columns are all nullable (that key is filled from rows that exist
 * already, or left NULL); a cycle of NOT NULL keys cannot be filled, and its tables are named with the reason.
 */
final class FillOrder {
    private FillOrder() {}

    /** The tables in fill order; the ones that cannot be ordered go to {@code notFilled} with the reason. */
    static List<LiveSchema.Table> of(List<LiveSchema.Table> tables, Map<String, String> notFilled) {
        Map<String, LiveSchema.Table> byKey = new TreeMap<>();
        tables.forEach(t -> byKey.put(LiveSchema.key(t.name()), t));
        Map<String, Set<String>> hard = new TreeMap<>();
        Map<String, Set<String>> soft = new TreeMap<>();
        for (LiveSchema.Table t : byKey.values()) {
            String k = LiveSchema.key(t.name());
            hard.put(k, new HashSet<>());
            soft.put(k, new HashSet<>());
            for (LiveSchema.ForeignKey fk : t.foreignKeys()) {
                String parent = LiveSchema.key(fk.referencedTable());
                if (!parent.equals(k) && byKey.containsKey(parent)) {
                    boolean nullable = fk.columns().stream().allMatch(c -> t.column(c) == null || t.column(c).nullable());
                    (nullable ? soft : hard).get(k).add(parent);
                }
            }
        }
        List<LiveSchema.Table> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean ignoreSoft = false;
        while (done.size() < byKey.size()) {
            String next = null;
            for (String k : byKey.keySet()) {
                if (!done.contains(k) && done.containsAll(hard.get(k)) && (ignoreSoft || done.containsAll(soft.get(k)))) {
                    next = k;
                    break;
                }
            }
            if (next != null) {
                done.add(next);
                out.add(byKey.get(next));
                ignoreSoft = false;
            } else if (!ignoreSoft) {
                ignoreSoft = true; // a cycle: let a nullable foreign key wait
            } else {
                List<String> stuck = byKey.keySet().stream().filter(k -> !done.contains(k)).toList();
                for (String k : stuck) {
                    notFilled.put(byKey.get(k).name(), "its foreign keys form a cycle of NOT NULL columns with " + String.join(", ",
                            stuck.stream().filter(o -> !o.equals(k)).map(o -> byKey.get(o).name()).toList())
                            + "; no order of inserts satisfies them");
                }
                break;
            }
        }
        return out;
    }
}
