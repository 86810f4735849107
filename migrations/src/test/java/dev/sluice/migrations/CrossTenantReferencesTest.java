package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static dev.sluice.schema.db.Tables.WORKFLOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.query.TenantScope;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.SQLException;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Since V3 a row can only reference rows of its own organization, on every vendor: tenant A cannot make a form
 * created by tenant B's user, nor submissions or workflows of B's form; so B deleting its form leaves A's rows alone,
 * and the error for B's id is the same as for an id that exists nowhere (no existence oracle). On PostgreSQL the
 * writes run as the application role inside A's tenant scope, where row-level security alone did not stop them.
 */
class CrossTenantReferencesTest {

    static UUID org(Database db, String slug) {
        return db.dsl().select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq(slug)).fetchOne().value1();
    }

    static UUID any(Database db, org.jooq.TableField<?, UUID> id, org.jooq.TableField<?, UUID> tenant, UUID org) {
        return db.dsl().select(id).from(id.getTable()).where(tenant.eq(org)).limit(1).fetchOne().value1();
    }

    /** The failure of {@code work} in A's scope: it must fail; returns the driver's exception. */
    static SQLException rejected(TenantScope a, dev.sluice.query.TransactionCallback<Integer, RuntimeException> work) {
        Throwable t = catchThrowable(() -> a.transaction(work));
        assertThat(t).as("a reference to another tenant's row is rejected").isInstanceOf(DataAccessException.class);
        SQLException sql = ((DataAccessException) t).getCause(SQLException.class);
        assertThat((Object) sql).isNotNull();
        assertThat(sql.getSQLState() == null ? "" : sql.getSQLState()).as("a foreign key violation, not a permission error")
                .satisfiesAnyOf(s -> assertThat(s).startsWith("23"), s -> assertThat(s).isEmpty());
        return sql;
    }

    static int submission(DSLContext tx, UUID org, UUID form, UUID by) {
        return tx.insertInto(SUBMISSIONS, SUBMISSIONS.ID, SUBMISSIONS.ORGANIZATION_ID, SUBMISSIONS.FORM_ID, SUBMISSIONS.SUBMITTED_BY,
                SUBMISSIONS.DATA).values(UUID.randomUUID(), org, form, by, JSON.valueOf("{}")).execute();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aTenantCannotReferenceAnotherTenantsRows(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database owner = Database.connect(tdb.config())) {
            Migrations.builder(owner).build().migrate();
            Seeds.load(owner, new DemoSeed(), (t, d, n) -> { });
            UUID a = org(owner, "acme");
            UUID b = org(owner, "globex");
            UUID aUser = any(owner, USERS.ID, USERS.ORGANIZATION_ID, a);
            UUID aForm = any(owner, FORMS.ID, FORMS.ORGANIZATION_ID, a);
            UUID bUser = any(owner, USERS.ID, USERS.ORGANIZATION_ID, b);
            UUID bForm = owner.dsl().select(SUBMISSIONS.FORM_ID).from(SUBMISSIONS).where(SUBMISSIONS.ORGANIZATION_ID.eq(b)).limit(1)
                    .fetchOne().value1(); // a form of B that has submissions of its own
            int aSubmissions = owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.ORGANIZATION_ID.eq(a));
            int aWorkflows = owner.dsl().fetchCount(WORKFLOWS, WORKFLOWS.ORGANIZATION_ID.eq(a));
            assertThat(aSubmissions).isPositive();

            // PostgreSQL: as the application role, in A's scope (row-level security on); elsewhere the scope only runs the transaction
            Database app = vendor == Vendor.POSTGRESQL ? Database.connect(tdb.configBuilder().role("sluice_app").build()) : owner;
            try {
                TenantScope scopeA = app.forTenant(a);
                rejected(scopeA, tx -> tx.insertInto(FORMS, FORMS.ID, FORMS.ORGANIZATION_ID, FORMS.TITLE, FORMS.DEFINITION, FORMS.CREATED_BY)
                        .values(UUID.randomUUID(), a, "Created by B's user", JSON.valueOf("{}"), bUser).execute());
                SQLException toBForm = rejected(scopeA, tx -> submission(tx, a, bForm, aUser));
                rejected(scopeA, tx -> submission(tx, a, aForm, bUser));
                rejected(scopeA, tx -> tx.insertInto(WORKFLOWS, WORKFLOWS.ID, WORKFLOWS.ORGANIZATION_ID, WORKFLOWS.FORM_ID, WORKFLOWS.NAME,
                        WORKFLOWS.DEFINITION).values(UUID.randomUUID(), a, bForm, "On B's form", JSON.valueOf("{}")).execute());

                // no existence oracle: B's real form and an id that exists nowhere fail the same way
                UUID nowhere = UUID.randomUUID();
                SQLException toNothing = rejected(scopeA, tx -> submission(tx, a, nowhere, aUser));
                assertThat(toNothing.getSQLState()).isEqualTo(toBForm.getSQLState());
                assertThat(toNothing.getErrorCode()).isEqualTo(toBForm.getErrorCode());
                assertThat(String.valueOf(toNothing.getMessage()).replace(nowhere.toString(), "<id>"))
                        .isEqualTo(String.valueOf(toBForm.getMessage()).replace(bForm.toString(), "<id>"));

                // A's own references still work
                Integer own = scopeA.transaction(tx -> submission(tx, a, aForm, aUser));
                assertThat(own).isEqualTo(1);
            } finally {
                if (app != owner) {
                    app.close();
                }
            }

            // B deletes its form: its own submissions and workflows go with it, A's rows stay
            int bFormSubmissions = owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.FORM_ID.eq(bForm));
            assertThat(bFormSubmissions).isPositive();
            Database deleter = vendor == Vendor.POSTGRESQL ? Database.connect(tdb.configBuilder().role("sluice_app").build()) : owner;
            try {
                Integer deleted = deleter.forTenant(b).transaction(tx -> tx.deleteFrom(FORMS).where(FORMS.ID.eq(bForm)).execute());
                assertThat(deleted).isEqualTo(1);
            } finally {
                if (deleter != owner) {
                    deleter.close();
                }
            }
            assertThat(owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.FORM_ID.eq(bForm))).isZero();
            assertThat(owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.ORGANIZATION_ID.eq(a))).isEqualTo(aSubmissions + 1);
            assertThat(owner.dsl().fetchCount(WORKFLOWS, WORKFLOWS.ORGANIZATION_ID.eq(a))).isEqualTo(aWorkflows);

            // deleting a user still sets submitted_by to NULL (its single-column key), and a whole tenant still goes
            UUID submitter = owner.dsl().select(SUBMISSIONS.SUBMITTED_BY).from(SUBMISSIONS)
                    .where(SUBMISSIONS.ORGANIZATION_ID.eq(a).and(SUBMISSIONS.SUBMITTED_BY.isNotNull()))
                    .and(SUBMISSIONS.SUBMITTED_BY.notIn(owner.dsl().select(FORMS.CREATED_BY).from(FORMS))).limit(1).fetchOne().value1();
            owner.dsl().deleteFrom(USERS).where(USERS.ID.eq(submitter)).execute();
            assertThat(owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.SUBMITTED_BY.eq(submitter))).isZero();
            owner.dsl().deleteFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(b)).execute();
            assertThat(owner.dsl().fetchCount(FORMS, FORMS.ORGANIZATION_ID.eq(b))).isZero();
            assertThat(owner.dsl().fetchCount(SUBMISSIONS, SUBMISSIONS.ORGANIZATION_ID.eq(a))).isEqualTo(aSubmissions + 1);
        }
    }
}
