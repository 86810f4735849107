package dev.sluice.tools.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.ThrowawayProvider;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice check-schema}: compares the database with what its migrations (the {@code --locations}, or the built-in
 * schema) produce in a throwaway database; exit 1 on drift.
 */
@Command(name = "check-schema", description = {
    "Compare the database with what its migrations produce: the scripts of --locations (default: the built-in schema) are "
            + "applied, up to the database's version, to a throwaway database on the same server (a temporary file for SQLite), "
            + "which is compared and dropped. Tables, columns (type, nullability, default), keys, indexes, checks, views, "
            + "triggers, routines, types and PostgreSQL row-level security. Exit 1 on any difference."})
public final class CheckSchemaCommand extends MigrationCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--throwaway-url", paramLabel = "URL", description = "The server to create the throwaway database on "
            + "(its user needs the right to create databases). Default: the database's own server.")
    String throwawayUrl;

    /** What {@code --json} prints: the report and the locations it was compared with. */
    record Output(@JsonUnwrapped DriftReport report, List<String> comparedWith) {}

    @Override
    int run(Database db, Migrations migrations) {
        ThrowawayProvider provider = throwawayUrl == null ? null
                : ThrowawayProvider.onServer(ConnectionConfig.builder().url(throwawayUrl, "--throwaway-url").build());
        DriftReport r = migrations.checkSchemaAgainstMigrations(provider);
        print(json, new Output(r, migrations.locations()), () -> {
            root.out().println(r.clean() ? r.summary() : "schema drift: " + r.differences().size() + " difference(s)");
            r.differences().forEach(d -> root.out().println("  " + d));
            String version = migrations.currentVersion();
            root.out().println("compared with the migrations in " + String.join(", ", migrations.locations())
                    + (version == null ? "" : " up to version " + version));
        });
        return r.clean() ? 0 : Sluice.FAILED;
    }
}
