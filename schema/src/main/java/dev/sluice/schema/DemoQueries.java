package dev.sluice.schema;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.jooq.impl.DSL.countDistinct;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The typed queries the demo runs over the built-in schema (joins and aggregates over the generated classes), in one
 * place for {@code sluice demo} and the tests that check their answers on every vendor. Each takes the tenant it reads:
 * run it in that tenant's scope ({@code db.forTenant(id).transaction(tx -> DemoQueries.organization(tx, id))}), where
 * PostgreSQL's row-level security shows the scope its own rows only; the queries filter on the tenant themselves too,
 * for the vendors without row-level security. No connection is opened here.
 */
public final class DemoQueries {
    private DemoQueries() {}

    /**
     * One organization with the size of its data.
     *
     * @param slug its slug
     * @param name its name
     * @param users its users
     * @param forms its forms
     * @param submissions the submissions to its forms
     */
    public record Organization(String slug, String name, int users, int forms, int submissions) {}

    /**
     * One entry of the events log.
     *
     * @param occurredAt when it happened
     * @param organization the slug of its organization
     * @param type what happened ({@code form.published}...)
     */
    public record Event(OffsetDateTime occurredAt, String organization, String type) {}

    /** The organization {@code tenant} with its counts of users, forms and submissions; empty when it is not visible. */
    public static Optional<Organization> organization(DSLContext tx, UUID tenant) {
        return tx.select(ORGANIZATIONS.SLUG, ORGANIZATIONS.NAME, countDistinct(USERS.ID), countDistinct(FORMS.ID),
                        countDistinct(SUBMISSIONS.ID))
                .from(ORGANIZATIONS)
                .leftJoin(USERS).on(USERS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                .leftJoin(FORMS).on(FORMS.ORGANIZATION_ID.eq(ORGANIZATIONS.ID))
                .leftJoin(SUBMISSIONS).on(SUBMISSIONS.FORM_ID.eq(FORMS.ID))
                .where(ORGANIZATIONS.ID.eq(tenant))
                .groupBy(ORGANIZATIONS.SLUG, ORGANIZATIONS.NAME)
                .fetchOptional(r -> new Organization(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** The {@code limit} newest events of {@code tenant}, newest first. */
    public static List<Event> latestEvents(DSLContext tx, UUID tenant, int limit) {
        return tx.select(EVENTS.OCCURRED_AT, ORGANIZATIONS.SLUG, EVENTS.TYPE)
                .from(EVENTS).join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(EVENTS.ORGANIZATION_ID))
                .where(EVENTS.ORGANIZATION_ID.eq(tenant))
                .orderBy(EVENTS.OCCURRED_AT.desc(), EVENTS.ID.desc()).limit(limit)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3()));
    }
}
