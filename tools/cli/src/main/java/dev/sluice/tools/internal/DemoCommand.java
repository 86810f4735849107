package dev.sluice.tools.internal;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.jooq.impl.DSL.countDistinct;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ServerInfo;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.tools.Sluice;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jooq.Record3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice demo}: the main job. Connects (an embedded SQLite file, {@value #DEFAULT_URL}, unless a database is
 * given), migrates the built-in schema, loads the demo seed, and runs a few typed queries over it.
 */
@Command(name = "demo", description = "Run the demo: migrate the built-in schema (embedded SQLite by default), seed it, query it.")
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    /** The embedded default database. */
    public static final String DEFAULT_URL = "sqlite:sluice-demo.db";

    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
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
            List<Record3<OffsetDateTime, String, String>> latest = new ArrayList<>();
            for (UUID tenant : DemoSeed.tenants()) {
                db.forTenant(tenant).transaction(tx -> {
                    var r = tx.select(ORGANIZATIONS.SLUG, ORGANIZATIONS.NAME, countDistinct(USERS.ID), countDistinct(FORMS.ID),
                                    countDistinct(SUBMISSIONS.ID))
                            .from(ORGANIZATIONS)
                            .leftJoin(USERS).on(USERS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                            .leftJoin(FORMS).on(FORMS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                            .leftJoin(SUBMISSIONS).on(SUBMISSIONS.FORM_ID.eq(FORMS.ID))
                            .where(ORGANIZATIONS.ID.eq(tenant))
                            .groupBy(ORGANIZATIONS.SLUG, ORGANIZATIONS.NAME)
                            .fetchOne();
                    if (r != null) {
                        out.printf("    %-8s %-18s %3d users %3d forms %3d submissions%n", r.value1(), r.value2(), r.value3(), r.value4(), r.value5());
                    }
                    latest.addAll(tx.select(EVENTS.OCCURRED_AT, ORGANIZATIONS.SLUG, EVENTS.TYPE)
                            .from(EVENTS).join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(EVENTS.ORGANIZATION_ID))
                            .where(EVENTS.ORGANIZATION_ID.eq(tenant))
                            .orderBy(EVENTS.OCCURRED_AT.desc(), EVENTS.ID.desc()).limit(3).fetch());
                    return null;
                });
            }
            out.println("  latest events:");
            latest.stream().sorted(Comparator.comparing((Record3<OffsetDateTime, String, String> e) -> e.value1()).reversed()).limit(3)
                    .forEach(e -> out.printf("    %s  %-8s %s%n", e.value1(), e.value2(), e.value3()));
            out.printf("  health:     %s; pool: %s%n", db.connections().checkHealth().status(), db.connections().poolStats().summary());
        }
        out.println("Demo finished.");
        return 0;
    }
}
