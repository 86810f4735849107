package dev.sluice.tools.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.query.Database;
import dev.sluice.query.Tenancy;
import dev.sluice.query.TenantIsolationReport;
import dev.sluice.tools.Sluice;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice check}: one connection, one round trip; prints vendor, driver, server version and round-trip time.
 * With {@code --tenancy}, also checks that tenant isolation holds for the configured role (exit 1 when it does not).
 */
@Command(name = "check", description = {"Connect once and print vendor, driver, server version and round-trip time.",
    "--tenancy also checks that tenant isolation holds for the role the application runs as (PostgreSQL: not a "
        + "superuser, no BYPASSRLS, owns no tenant table; every tenant table has row-level security enabled, forced "
        + "and a policy); exit 1 when it does not."})
public final class CheckCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--tenancy", description = "Also check tenant isolation (see above).")
    boolean tenancy;

    @Option(names = "--tenant-column", paramLabel = "COLUMN", defaultValue = "organization_id",
            description = "With --tenancy: the column that names a row's tenant (default ${DEFAULT-VALUE}).")
    String tenantColumn;

    @Option(names = "--tenant-table", paramLabel = "TABLE", split = ",",
            description = "With --tenancy: tenant tables without that column (default: organizations, for the built-in schema).")
    List<String> tenantTables;

    /** What {@code --json} prints: the server's facts beside the URL, and the tenancy report when asked for. */
    record Output(String url, @JsonUnwrapped ServerInfo server, @JsonInclude(JsonInclude.Include.NON_NULL) TenantIsolationReport tenancy) {}

    @Override
    int run() {
        ConnectionConfig config = config().build();
        if (!tenancy) {
            print(config, ConnectionManager.probe(config), null);
            return 0;
        }
        Tenancy t = new Tenancy(tenantColumn, tenantTables != null ? tenantTables
                : tenantColumn.equals("organization_id") ? Tenancy.builtIn().extraTables() : List.of());
        try (Database db = Database.connect(config)) {
            TenantIsolationReport report = db.verifyTenantIsolation(t);
            print(config, db.connections().serverInfo(), report);
            return report.isolated() ? 0 : Sluice.FAILED;
        }
    }

    private void print(ConnectionConfig config, ServerInfo info, TenantIsolationReport report) {
        print(json, new Output(config.redactedUrl(), info, report), () -> {
            root.out().printf("database:    %s%n", config.redactedUrl());
            root.out().printf("vendor:      %s (%s %s)%n", info.vendor().id(), info.product(), info.version());
            root.out().printf("driver:      %s%n", info.driver());
            root.out().printf("round trip:  %.2f ms%n", info.roundTrip().toNanos() / 1e6);
            if (report != null) {
                root.out().printf("tenancy:     %s%n", report.isolated() ? "isolated: " + report.summary()
                        : report.problems().size() + " problem(s) for role " + report.role());
                report.problems().forEach(p -> root.out().printf("  - %s%n", p));
            }
        });
    }
}
