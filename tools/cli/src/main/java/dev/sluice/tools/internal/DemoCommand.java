package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ServerInfo;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoQueries;
import dev.sluice.schema.DemoSeed;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;

/**
 * {@code sluice demo}: the main job. Connects (an embedded SQLite file, {@value #DEFAULT_URL}, unless a database is
 * given), migrates the built-in schema, loads the demo seed, and runs the demo's typed queries ({@link DemoQueries})
 * over it.
 */
@Command(name = "demo", description = "Run the demo: migrate the built-in schema (embedded SQLite by default), seed it, query it.")
public final class DemoCommand extends DatabaseCommand {
    /** The embedded default database. */
    public static final String DEFAULT_URL = "sqlite:sluice-demo.db";

    @Override
    int run() {
        PrintStream out = root.out();
        ConnectionConfig config = database.builder(root.environment(), DEFAULT_URL).name("sluice-demo").build();
        out.println("Sluice demo on " + config.redactedUrl());
        try (Database db = Database.connect(config)) {
            ServerInfo info = db.connections().serverInfo();
            out.printf("  connected:  %s %s via %s, round trip %.2f ms, jOOQ dialect %s%n", info.product(), info.version(),
                    info.driver(), info.roundTrip().toNanos() / 1e6, db.dialect());

            MigrationReport migrated = Migrations.builder(db).build().migrate();
            out.println("  migrations: " + (migrated.migrations().isEmpty()
                    ? "schema up to date at version " + migrated.toVersion() : migrated.summary("applied")));

            SeedReport seeded = Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
            out.println("  seed demo:  " + (seeded.alreadyApplied() ? "already loaded" : seeded.totalRows() + " rows loaded"));

            // Queried tenant by tenant, as a multi-tenant application does: on PostgreSQL row-level security shows each
            // scope its own rows only (the schema owner included), elsewhere the queries filter on the tenant themselves.
            out.println("  organizations (typed queries per tenant: joins and aggregates over the generated classes):");
            List<DemoQueries.Event> latest = new ArrayList<>();
            for (UUID tenant : DemoSeed.tenants()) {
                db.forTenant(tenant).transaction(tx -> {
                    DemoQueries.organization(tx, tenant).ifPresent(o -> out.printf("    %-8s %-18s %3d users %3d forms %3d submissions%n",
                            o.slug(), o.name(), o.users(), o.forms(), o.submissions()));
                    return latest.addAll(DemoQueries.latestEvents(tx, tenant, 3));
                });
            }
            out.println("  latest events:");
            latest.stream().sorted(Comparator.comparing(DemoQueries.Event::occurredAt).reversed()).limit(3)
                    .forEach(e -> out.printf("    %s  %-8s %s%n", e.occurredAt(), e.organization(), e.type()));
            out.printf("  health:     %s; pool: %s%n", db.connections().checkHealth().status(), db.connections().poolStats().summary());
        }
        out.println("Demo finished.");
        return 0;
    }
}
