package dev.sluice.tools.internal;

import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice check-schema}: compares the database with the typed schema; exit 1 on drift. */
@Command(name = "check-schema", description = "Compare the database's tables, columns, types and keys with the typed schema. Exit 1 on any difference.")
public final class CheckSchemaCommand extends MigrationCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(Database db, Migrations migrations) {
        DriftReport r = migrations.checkSchema();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clean", r.clean());
            m.put("tablesChecked", r.tablesChecked());
            m.put("differences", r.differences());
            m.put("otherTables", r.otherTables());
            root.out().println(Json.write(m));
        } else {
            root.out().println(r.clean() ? r.summary() : "schema drift: " + r.differences().size() + " difference(s)");
            r.differences().forEach(d -> root.out().println("  " + d));
        }
        return r.clean() ? 0 : Sluice.FAILED;
    }
}
