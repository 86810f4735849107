package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.query.Database;
import dev.sluice.query.Tenancy;
import dev.sluice.query.TenantIsolationReport;
import dev.sluice.tools.Sluice;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice check}: one connection, one round trip; prints vendor, driver, server version and round-trip time.
 * With {@code --tenancy}, also checks that tenant isolation holds for the configured role (exit 1 when it does not).
 */
@Command(name = "check", description = {"Connect once and print vendor, driver, server version and round-trip time.",
    "--tenancy also checks that tenant isolation holds for the role the application runs as (PostgreSQL: not a "
        + "superuser, no BYPASSRLS, owns no tenant table; every tenant table has row-level security enabled, forced "
        + "and a policy); exit 1 when it does not."})
public final class CheckCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--tenancy", description = "Also check tenant isolation (see above).")
    boolean tenancy;

    @Option(names = "--tenant-column", paramLabel = "COLUMN", defaultValue = "organization_id",
            description = "With --tenancy: the column that names a row's tenant (default ${DEFAULT-VALUE}).")
    String tenantColumn;

    @Option(names = "--tenant-table", paramLabel = "TABLE", split = ",",
            description = "With --tenancy: tenant tables without that column (default: organizations, for the built-in schema).")
    java.util.List<String> tenantTables;

    @Override
    public Integer call() {
        ConnectionConfig config = database.builder(root.environment(), null).build();
        if (!tenancy) {
            ServerInfo info = ConnectionManager.probe(config);
            print(root, config, info, json, null);
            return 0;
        }
        Tenancy t = new Tenancy(tenantColumn, tenantTables != null ? tenantTables
                : tenantColumn.equals("organization_id") ? Tenancy.builtIn().extraTables() : java.util.List.of());
        try (Database db = Database.connect(config)) {
            TenantIsolationReport report = db.verifyTenantIsolation(t);
            print(root, config, db.connections().serverInfo(), json, report);
            return report.isolated() ? 0 : Sluice.FAILED;
        }
    }

    static void print(Sluice root, ConnectionConfig config, ServerInfo info, boolean json, TenantIsolationReport tenancy) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", config.redactedUrl());
            m.put("vendor", info.vendor().id());
            m.put("product", info.product());
            m.put("version", info.version());
            m.put("driver", info.driver());
            m.put("roundTripMs", info.roundTrip());
            if (tenancy != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("isolated", tenancy.isolated());
                t.put("role", tenancy.role());
                t.put("tables", tenancy.tables());
                t.put("problems", tenancy.problems());
                t.put("limitation", tenancy.limitation());
                m.put("tenancy", t);
            }
            root.out().println(Json.write(m));
        } else {
            root.out().printf("database:    %s%n", config.redactedUrl());
            root.out().printf("vendor:      %s (%s %s)%n", info.vendor().id(), info.product(), info.version());
            root.out().printf("driver:      %s%n", info.driver());
            root.out().printf("round trip:  %.2f ms%n", info.roundTrip().toNanos() / 1e6);
            if (tenancy != null) {
                root.out().printf("tenancy:     %s%n", tenancy.isolated() ? "isolated: " + tenancy.summary()
                        : tenancy.problems().size() + " problem(s) for role " + tenancy.role());
                tenancy.problems().forEach(p -> root.out().printf("  - %s%n", p));
            }
        }
    }
}
