package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.query.Tenancy;
import dev.sluice.query.TenantIsolationException;
import dev.sluice.query.TenantIsolationReport;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code verifyTenantIsolation} on the built-in schema: it holds for the application role as migrated, and each way of
 * breaking it on PostgreSQL (a superuser, BYPASSRLS, owning the tables, row-level security disabled, not forced, no
 * policy) is reported by name; a Database connected with a Tenancy refuses to start on such a database.
 */
class TenantIsolationCheckTest {
    static final List<String> TABLES = List.of("events", "forms", "organizations", "submissions", "users", "workflows");

    @Test
    void postgresReportsExactlyWhatIsWrong() {
        try (TestDatabase tdb = TestDatabases.postgres(); Database owner = Database.connect(tdb.config())) {
            Migrations.builder(owner).build().migrate();
            var appConfig = tdb.configBuilder().role("sluice_app").build();

            try (Database app = Database.connect(appConfig, Tenancy.builtIn())) {
                TenantIsolationReport ok = app.verifyTenantIsolation();
                assertThat(ok.isolated()).as(ok.summary()).isTrue();
                assertThat(ok.role()).isEqualTo("sluice_app");
                assertThat(ok.tables()).containsExactlyInAnyOrderElementsOf(TABLES);
                assertThat(ok.summary()).startsWith("row-level security applies to role sluice_app on all 6 tenant tables");
            }

            // the login user: a superuser with BYPASSRLS that owns every table
            TenantIsolationReport asOwner = owner.verifyTenantIsolation();
            assertThat(asOwner.problems()).hasSize(8)
                    .contains("role postgres is a superuser, so row-level security does not apply to it (connect with a role "
                            + "that is not, e.g. role: sluice_app)")
                    .contains("role postgres has BYPASSRLS, so row-level security does not apply to it (ALTER ROLE postgres NOBYPASSRLS)")
                    .anySatisfy(p -> assertThat(p).startsWith("role postgres owns table forms"));

            owner.dsl().execute("ALTER TABLE forms NO FORCE ROW LEVEL SECURITY");
            owner.dsl().execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY");
            owner.dsl().execute("DROP POLICY tenant_isolation ON events");
            try (Database app = Database.connect(appConfig)) {
                assertThat(app.verifyTenantIsolation().problems()).containsExactlyInAnyOrder(
                        "table events: no row-level security policy applies to role sluice_app",
                        "table forms: row-level security is not forced, so the table's owner bypasses it (ALTER TABLE forms FORCE ROW LEVEL SECURITY)",
                        "table users: row-level security is not enabled (ALTER TABLE users ENABLE ROW LEVEL SECURITY)");
            }
            assertThatThrownBy(() -> Database.connect(appConfig, Tenancy.builtIn()))
                    .isInstanceOf(TenantIsolationException.class)
                    .hasMessageStartingWith("Tenant isolation does not hold, so the application would see other tenants' rows: 3 problems")
                    .hasMessageContaining("table forms: row-level security is not forced");

            // a role with BYPASSRLS (not a superuser, so it passes the role check at connect)
            String bypass = "sluice_t_bypass_" + tdb.name().substring(tdb.name().length() - 8);
            owner.dsl().execute("CREATE ROLE " + bypass + " NOLOGIN BYPASSRLS");
            try {
                try (Database app = Database.connect(tdb.configBuilder().role(bypass).build())) {
                    assertThat(app.verifyTenantIsolation().problems()).contains("role " + bypass + " has BYPASSRLS, so row-level "
                            + "security does not apply to it (ALTER ROLE " + bypass + " NOBYPASSRLS)");
                }
            } finally {
                owner.dsl().execute("DROP ROLE " + bypass);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"MYSQL", "SQLITE"})
    void vendorsWithoutRowLevelSecuritySaySo(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database owner = Database.connect(tdb.config())) {
            Migrations.builder(owner).build().migrate();
            try (Database db = Database.connect(tdb.config(), Tenancy.builtIn())) {
                TenantIsolationReport r = db.verifyTenantIsolation();
                assertThat(r.isolated()).isTrue();
                assertThat(r.tables()).containsExactlyInAnyOrderElementsOf(TABLES);
                assertThat(r.limitation()).startsWith(vendor.displayName() + " has no row-level security: tenant isolation rests on "
                        + "every query filtering on organization_id");
            }
        }
    }
}
