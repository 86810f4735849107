package dev.sluice.migrations;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static dev.sluice.schema.db.Tables.WORKFLOWS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.schema.db.tables.records.EventsRecord;
import dev.sluice.schema.db.tables.records.FormsRecord;
import dev.sluice.schema.db.tables.records.OrganizationsRecord;
import dev.sluice.schema.db.tables.records.UsersRecord;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record3;
import org.jooq.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One typed CRUD test, unchanged on PostgreSQL, MariaDB and SQLite, using the classes generated from the migrations. */
class TypedCrudTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void crudWithTheGeneratedClasses(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).build().migrate();
            DSLContext dsl = db.dsl();

            UUID orgId = UUID.fromString("0b8f3c0e-1d2a-4f5b-9c6d-7e8f9a0b1c2d");
            // microseconds and a non-UTC offset: the instant must survive on every vendor
            OffsetDateTime created = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.ofHours(2));

            OrganizationsRecord org = dsl.newRecord(ORGANIZATIONS);
            org.setId(orgId);
            org.setSlug("acme");
            org.setName("Acme");
            org.setSettings(JSON.valueOf("{\"theme\": \"dark\", \"seats\": 25}"));
            org.setCreatedAt(created);
            assertThat(org.store()).isEqualTo(1);

            UUID aliceId = UUID.randomUUID();
            dsl.insertInto(USERS, USERS.ID, USERS.ORGANIZATION_ID, USERS.EMAIL, USERS.DISPLAY_NAME, USERS.ROLE)
                    .values(aliceId, orgId, "alice@acme.test", "Alice", "owner")
                    .values(UUID.randomUUID(), orgId, "bob@acme.test", "Bob", "member")
                    .execute();

            UUID formId = UUID.randomUUID();
            FormsRecord form = dsl.newRecord(FORMS);
            form.setId(formId);
            form.setOrganizationId(orgId);
            form.setTitle("Expense report");
            form.setDefinition(JSON.valueOf("{\"fields\": [{\"name\": \"amount\", \"type\": \"number\"}]}"));
            form.setCreatedBy(aliceId);
            form.store();

            dsl.insertInto(SUBMISSIONS, SUBMISSIONS.ID, SUBMISSIONS.ORGANIZATION_ID, SUBMISSIONS.FORM_ID, SUBMISSIONS.SUBMITTED_BY,
                    SUBMISSIONS.DATA).values(UUID.randomUUID(), orgId, formId, aliceId, JSON.valueOf("{\"amount\": 42.5}")).execute();
            dsl.insertInto(WORKFLOWS, WORKFLOWS.ID, WORKFLOWS.ORGANIZATION_ID, WORKFLOWS.FORM_ID, WORKFLOWS.NAME, WORKFLOWS.DEFINITION)
                    .values(UUID.randomUUID(), orgId, formId, "Approve", JSON.valueOf("{\"steps\": [\"manager\"]}")).execute();
            dsl.insertInto(EVENTS, EVENTS.ORGANIZATION_ID, EVENTS.ENTITY_TYPE, EVENTS.ENTITY_ID, EVENTS.TYPE, EVENTS.OCCURRED_AT)
                    .values(orgId, "form", formId, "form.created", created).execute();

            // select with joins
            Result<Record3<String, String, String>> rows = dsl
                    .select(ORGANIZATIONS.SLUG, USERS.DISPLAY_NAME, FORMS.TITLE)
                    .from(FORMS)
                    .join(USERS).on(USERS.ID.eq(FORMS.CREATED_BY))
                    .join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(FORMS.ORGANIZATION_ID))
                    .where(FORMS.STATUS.eq("draft"))
                    .fetch();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).value2()).isEqualTo("Alice");
            assertThat(dsl.fetchCount(SUBMISSIONS.join(FORMS).on(FORMS.ID.eq(SUBMISSIONS.FORM_ID)))).isEqualTo(1);

            // UUID, JSON and timestamp round trips
            OrganizationsRecord read = dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(orgId)).fetchOne();
            assertThat(read.getId()).isEqualTo(orgId);
            assertThat(read.getSettings().data()).contains("\"theme\"").contains("dark");
            assertThat(read.getCreatedAt().toInstant()).isEqualTo(created.toInstant());
            assertThat(read.getCreatedAt().getOffset()).isEqualTo(ZoneOffset.UTC);
            EventsRecord event = dsl.selectFrom(EVENTS).fetchOne();
            assertThat(event.getId()).isPositive();
            assertThat(event.getOccurredAt().toInstant()).isEqualTo(created.toInstant());
            assertThat(dsl.fetchCount(EVENTS, EVENTS.OCCURRED_AT.eq(created))).as("a timestamp compares equal in SQL too").isEqualTo(1);
            assertThat(dsl.fetchCount(EVENTS, EVENTS.OCCURRED_AT.gt(created.minusNanos(1000)))).isEqualTo(1);
            assertThat(read.getCreatedAt()).isBeforeOrEqualTo(OffsetDateTime.now());
            EventsRecord second = dsl.newRecord(EVENTS);
            second.setOrganizationId(orgId);
            second.setEntityType("form");
            second.setEntityId(formId);
            second.setType("form.viewed");
            second.setPayload(JSON.valueOf("{\"by\": \"alice\"}"));
            second.setOccurredAt(created.plusSeconds(1));
            second.store();
            assertThat(second.getId()).as("the identity comes back into the record").isGreaterThan(event.getId());

            UsersRecord alice = dsl.selectFrom(USERS).where(USERS.EMAIL.eq("alice@acme.test")).fetchOne();
            assertThat(alice.getCreatedAt()).as("the database default fills created_at").isNotNull();

            // update
            assertThat(dsl.update(FORMS).set(FORMS.STATUS, "published").set(FORMS.VERSION, FORMS.VERSION.plus(1))
                    .where(FORMS.ID.eq(formId)).execute()).isEqualTo(1);
            FormsRecord published = dsl.fetchOne(FORMS, FORMS.ID.eq(formId));
            assertThat(published.getStatus()).isEqualTo("published");
            assertThat(published.getVersion()).isEqualTo(2);
            alice.setDisplayName("Alice A.");
            alice.store();
            assertThat(dsl.fetchValue(USERS.DISPLAY_NAME, USERS.ID.eq(aliceId))).isEqualTo("Alice A.");
            assertThat(dsl.select(WORKFLOWS.ENABLED).from(WORKFLOWS).fetchOne().value1()).isTrue();

            // delete, with the foreign keys' cascades
            assertThat(dsl.deleteFrom(USERS).where(USERS.EMAIL.eq("bob@acme.test")).execute()).isEqualTo(1);
            assertThat(dsl.deleteFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(orgId)).execute()).isEqualTo(1);
            assertThat(dsl.fetchCount(USERS)).isZero();
            assertThat(dsl.fetchCount(FORMS)).isZero();
            assertThat(dsl.fetchCount(SUBMISSIONS)).isZero();
            assertThat(dsl.fetchCount(WORKFLOWS)).isZero();
            assertThat(dsl.fetchCount(EVENTS)).isZero();
        }
    }
}
