package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.ScaleSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.jooq.JSON;
import org.junit.jupiter.api.Test;

/**
 * Migrating and seeding on PostgreSQL as the schema owner, a login role that is neither a superuser nor BYPASSRLS:
 * row-level security is forced on the owner too, and seeding used to fail unless the login role was a superuser.
 */
class SeedAsOwnerTest {

    static void admin(TestDatabase db, String... sql) throws Exception {
        try (Connection c = db.server().admin().getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    @Test
    void theOwnerRoleMigratesAndSeeds() throws Exception {
        TestDatabase tdb = TestDatabases.postgres();
        String owner = "sluice_t_owner_" + tdb.name().substring(tdb.name().length() - 8);
        admin(tdb, "CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOBYPASSRLS", "ALTER DATABASE " + tdb.name() + " OWNER TO " + owner);
        try {
            try (Database db = Database.connect(tdb.configBuilder().user(owner).build())) {
                assertThat(db.dsl().fetchValue("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")).isEqualTo(false);
                Migrations.builder(db).build().migrate();
                SeedReport demo = Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
                assertThat(demo.totalRows()).isEqualTo(40);
                SeedReport scale = Seeds.load(db, new ScaleSeed(3, 7), (t, d, n) -> { });
                assertThat(scale.totalRows()).isPositive();
                assertThat(Seeds.load(db, new DemoSeed(), (t, d, n) -> { }).alreadyApplied()).isTrue();

                // the owner sees a tenant's rows in its scope, like the application
                UUID acme = DemoSeed.tenants().get(0);
                Integer users = db.forTenant(acme).transaction(tx -> tx.fetchCount(USERS));
                assertThat(users).isEqualTo(3);
                // the event sequence was moved past the seeded ids although row-level security hides them from the owner
                Long next = db.forTenant(acme).transaction(tx -> tx.insertInto(EVENTS, EVENTS.ORGANIZATION_ID, EVENTS.ENTITY_TYPE,
                        EVENTS.ENTITY_ID, EVENTS.TYPE, EVENTS.PAYLOAD, EVENTS.OCCURRED_AT).values(acme, "organization", acme, "test",
                        JSON.valueOf("{}"), java.time.OffsetDateTime.now()).returning(EVENTS.ID).fetchOne().getId());
                assertThat(next).isGreaterThan(scale.rowsInserted().get("events") + demo.rowsInserted().get("events"));
            }
            try (Database su = Database.connect(tdb.config())) { // the superuser sees everything
                assertThat(su.dsl().fetchCount(ORGANIZATIONS)).isEqualTo(5);
            }
        } finally {
            tdb.close();
            admin(tdb, "DROP ROLE IF EXISTS " + owner);
        }
    }
}
