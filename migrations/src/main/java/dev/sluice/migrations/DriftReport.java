package dev.sluice.migrations;

import java.util.List;

/**
 * What {@link Migrations#checkSchema()} found: how the live database differs from the jOOQ classes generated for its
 * schema.
 *
 * <p>Each difference is one line that starts with the table, and the column when there is one:
 * <pre>
 * users.email: expected VARCHAR(320) NOT NULL, found VARCHAR(100) NOT NULL
 * forms.description: missing
 * submissions: unexpected column legacy_flag
 * users: primary key expected (id), found (id, email)
 * events: foreign key (organization_id) -&gt; organizations (id) missing
 * users: unique key (organization_id, email) missing
 * workflows: table missing
 * </pre>
 * Types are shown as the database's vendor names them ({@code CHAR(36)} for a UUID on MySQL).
 *
 * @param tablesChecked how many tables of the expected schema were compared
 * @param differences one line per difference, in the expected schema's table order; empty when the schema matches
 * @param otherTables tables of the database that the expected schema does not have (Flyway's history, your own
 *     tables): listed for information, never a difference
 */
public record DriftReport(int tablesChecked, List<String> differences, List<String> otherTables) {
    /** Copies the lists. */
    public DriftReport {
        differences = List.copyOf(differences);
        otherTables = List.copyOf(otherTables);
    }

    /** Whether the database matches the expected schema. */
    public boolean clean() {
        return differences.isEmpty();
    }

    /**
     * One line: {@code schema matches: 6 tables checked (1 other table not compared: flyway_schema_history)} or
     * {@code 2 differences in 6 tables checked: forms.description: missing; submissions: unexpected column legacy_flag}.
     */
    public String summary() {
        String checked = tablesChecked + " table" + (tablesChecked == 1 ? "" : "s") + " checked";
        if (clean()) {
            String others = otherTables.isEmpty() ? ""
                    : " (" + otherTables.size() + " other table" + (otherTables.size() == 1 ? "" : "s") + " not compared: "
                            + String.join(", ", otherTables) + ")";
            return "schema matches: " + checked + others;
        }
        return differences.size() + " difference" + (differences.size() == 1 ? "" : "s") + " in " + checked + ": "
                + String.join("; ", differences);
    }
}
