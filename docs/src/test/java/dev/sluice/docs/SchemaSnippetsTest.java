package dev.sluice.docs;

import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Record2;
import org.jooq.Result;
import org.junit.jupiter.api.Test;

/** schema's README: one tenant's rows, and nothing of that tenant left on the pooled connection afterwards. */
class SchemaSnippetsTest {

    @Test
    void theTenantQuerySeesOneTenantAndLeavesNothingBehindForTheNextBorrower() {
        try (TestDatabase tdb = TestDatabases.postgres()) {
            try (Database owner = Database.connect(tdb.config())) {
                Migrations.builder(owner).build().migrate();
                Seeds.load(owner, new DemoSeed(), (t, d, n) -> { });
            }
            // as the application role (row-level security applies to it), on one pooled connection, so the next
            // borrower is the very session the snippet used
            ConnectionConfig app = tdb.configBuilder().role("sluice_app").pool(p -> p.min(1).max(1)).build();
            try (Database db = Database.connect(app)) {
                UUID acme = DemoSeed.tenants().get(0);
                Result<Record2<String, OffsetDateTime>> recent = recentSubmissions(db, acme);
                assertThat(recent).hasSize(3);
                assertThat(db.dsl().fetchValue("select current_setting('sluice.tenant_id', true)")).isIn(null, "");
                assertThat(db.dsl().fetchCount(SUBMISSIONS)).isZero(); // no tenant set: row-level security shows nothing
                UUID globex = DemoSeed.tenants().get(1);
                int globexRows = db.forTenant(globex).transaction(tx -> tx.fetchCount(SUBMISSIONS));
                assertThat(globexRows).isEqualTo(3);
            }
        }
    }

    static Result<Record2<String, OffsetDateTime>> recentSubmissions(Database db, UUID orgId) {
        // tag::tenant[]
        Result<Record2<String, OffsetDateTime>> recent = db.forTenant(orgId).transaction(tx -> tx
                .select(FORMS.TITLE, SUBMISSIONS.CREATED_AT)
                .from(SUBMISSIONS).join(FORMS).on(FORMS.ID.eq(SUBMISSIONS.FORM_ID))
                .where(SUBMISSIONS.ORGANIZATION_ID.eq(orgId))   // the isolation on MySQL and SQLite; PostgreSQL enforces it too
                .orderBy(SUBMISSIONS.CREATED_AT.desc()).limit(20)
                .fetch());
        // end::tenant[]
        return recent;
    }
}
