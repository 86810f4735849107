package dev.sluice.docs;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedProgress;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.query.Isolation;
import dev.sluice.query.TransactionOptions;
import dev.sluice.query.RetryPolicy;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.db.tables.records.EventsRecord;
import dev.sluice.schema.db.tables.records.FormsRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.JSON;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** query's README, on the built-in schema with its demo data. */
class QuerySnippetsTest {

    @Test
    void theReadmeQueriesUpdatesDeletesAndLoads() {
        ConnectionConfig env = Snippets.freshEnvDatabase();
        UUID orgId = DemoSeed.tenants().get(0);
        UUID formId;
        long eventId;
        try (Database db = Database.connect(env)) {
            Migrations.builder(db).build().migrate();
            Seeds.load(db, new DemoSeed(), SeedProgress.NONE);
            formId = db.dsl().select(FORMS.ID).from(FORMS).where(FORMS.ORGANIZATION_ID.eq(orgId)).limit(1).fetchSingle().value1();
            eventId = db.dsl().select(EVENTS.ID).from(EVENTS).where(EVENTS.ORGANIZATION_ID.eq(orgId)).limit(1).fetchSingle().value1();
        }
        List<EventsRecord> records = List.of(event(1000, orgId), event(1001, orgId));
        readme(formId, eventId, orgId, records);
        transactions(formId, eventId);
        try (Database db = Database.connect(env)) {
            assertThat(db.dsl().select(FORMS.STATUS).from(FORMS).where(FORMS.ID.eq(formId)).fetchOne(FORMS.STATUS)).isEqualTo("published");
            assertThat(db.dsl().fetchExists(EVENTS, EVENTS.ID.eq(eventId))).isFalse();
            assertThat(tenantForms(db, orgId)).isNotEmpty().allMatch(f -> f.getOrganizationId().equals(orgId));
            assertThat(db.dsl().fetchCount(EVENTS, EVENTS.ID.in(1000L, 1001L))).isEqualTo(2);
        }
    }

    private static EventsRecord event(long id, UUID org) {
        EventsRecord r = EVENTS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setEntityType("organization");
        r.setEntityId(org);
        r.setType("docs.example");
        r.setPayload(JSON.valueOf("{}"));
        r.setOccurredAt(OffsetDateTime.of(2026, 2, 1, 12, 0, 0, 0, ZoneOffset.UTC));
        return r;
    }

    static void readme(UUID formId, long eventId, UUID orgId, List<EventsRecord> records) {
        // tag::readme[]
        try (Database db = Database.connect(ConnectionConfig.fromEnv())) {
            int n = db.dsl().fetchCount(USERS);                                  // borrows and returns a pooled connection
            db.transaction(tx -> tx.update(FORMS).set(FORMS.STATUS, "published")
                    .where(FORMS.ID.eq(formId)).execute());                      // retried when transiently failed
            db.withRetry(RetryPolicy.none()).transaction(tx ->                   // no retry
                    tx.deleteFrom(EVENTS).where(EVENTS.ID.eq(eventId)).execute());
            List<FormsRecord> forms = db.forTenant(orgId).transaction(tx ->     // only orgId's rows, on every vendor
                    tx.selectFrom(FORMS).fetch());
            db.insertSkippingExisting(EVENTS, records, 500);
        }
        // end::readme[]
    }

    private static List<FormsRecord> tenantForms(Database db, UUID orgId) {
        return db.forTenant(orgId).transaction(tx -> tx.selectFrom(FORMS).fetch());
    }

    static void transactions(UUID formId, long eventId) {
        // tag::transactions[]
        try (Database db = Database.connect(ConnectionConfig.fromEnv())) {
            int users = db.readOnly(tx -> tx.fetchCount(USERS));                 // the server rejects writes (SQLite: query_only)
            int forms = db.transaction(tx -> {
                tx.update(FORMS).set(FORMS.STATUS, "published").where(FORMS.ID.eq(formId)).execute();
                try {
                    db.transaction(inner -> inner.deleteFrom(EVENTS).where(EVENTS.ID.eq(eventId)).execute());  // a savepoint
                } catch (DataAccessException e) {
                    // only the inner work was rolled back; the outer transaction goes on
                }
                return db.dsl().fetchCount(FORMS);                               // joins this transaction: same connection
            });
            TransactionOptions report = TransactionOptions.builder().isolation(Isolation.REPEATABLE_READ)
                    .readOnly(true).statementTimeout(Duration.ofSeconds(5)).build();
            int events = db.transaction(report, tx -> tx.fetchCount(EVENTS));
        }
        // end::transactions[]
    }
}
