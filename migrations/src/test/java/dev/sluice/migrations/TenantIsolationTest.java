package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Migrations run as the schema owner; the application connects under the app role the migrations created, and
 * PostgreSQL's row-level security then limits it to the tenant of each transaction.
 */
class TenantIsolationTest {

    @Test
    void appRoleSeesOnlyItsTenant() {
        try (TestDatabase tdb = TestDatabases.postgres(); Database owner = Database.connect(tdb.config())) {
            Migrations.builder(owner).build().migrate();
            Seeds.load(owner, new DemoSeed(), (t, d, n) -> { });
            UUID acme = owner.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq("acme")).fetchOne().value1();
            UUID globex = owner.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq("globex")).fetchOne().value1();
            assertThat(owner.dsl().fetchCount(USERS)).isEqualTo(6);

            try (Database app = Database.connect(tdb.configBuilder().role("sluice_app").build())) {
                assertThat(app.dsl().fetchValue("SELECT current_user", String.class)).isEqualTo("sluice_app");
                assertThat(app.dsl().fetchCount(USERS)).as("no tenant set: nothing visible").isZero();
                Integer acmeUsers = app.forTenant(acme).transaction(tx -> tx.fetchCount(USERS));
                assertThat(acmeUsers).isEqualTo(3);
                Integer crossTenant = app.forTenant(acme).transaction(tx -> tx.fetchCount(USERS, USERS.ORGANIZATION_ID.eq(globex)));
                assertThat(crossTenant).isZero();
                var visible = app.forTenant(globex).transaction(tx -> tx.selectFrom(ORGANIZATIONS).fetch());
                assertThat(visible).hasSize(1);
                assertThat(visible.get(0).getSlug()).isEqualTo("globex");
                assertThatThrownBy(() -> app.forTenant(acme).transaction(tx -> tx.insertInto(USERS, USERS.ID, USERS.ORGANIZATION_ID,
                        USERS.EMAIL, USERS.DISPLAY_NAME, USERS.ROLE).values(UUID.randomUUID(), globex, "x@globex.test", "X", "member").execute()))
                        .as("refused by the tenant filter before it is sent").isInstanceOf(dev.sluice.query.TenantViolationException.class);
                assertThatThrownBy(() -> app.forTenant(acme).transaction(tx -> tx.execute(dev.sluice.query.TenantScope.trusted(
                        "INSERT INTO users (id, organization_id, email, display_name, role) VALUES ({0}, {1}, 'x@globex.test', 'X', 'member')",
                        org.jooq.impl.DSL.val(UUID.randomUUID()), org.jooq.impl.DSL.val(globex)))))
                        .as("and by row-level security when sent past the filter").hasMessageContaining("row-level security");
                assertThat(app.dsl().fetchCount(USERS)).as("the setting ended with the transaction").isZero();
            }
        }
    }
}
