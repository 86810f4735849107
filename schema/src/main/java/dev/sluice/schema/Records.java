package dev.sluice.schema;

import static dev.sluice.schema.db.Tables.EVENTS;
import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.ORGANIZATIONS;
import static dev.sluice.schema.db.Tables.SUBMISSIONS;
import static dev.sluice.schema.db.Tables.USERS;
import static dev.sluice.schema.db.Tables.WORKFLOWS;

import dev.sluice.schema.db.tables.records.EventsRecord;
import dev.sluice.schema.db.tables.records.FormsRecord;
import dev.sluice.schema.db.tables.records.OrganizationsRecord;
import dev.sluice.schema.db.tables.records.SubmissionsRecord;
import dev.sluice.schema.db.tables.records.UsersRecord;
import dev.sluice.schema.db.tables.records.WorkflowsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.JSON;

/** Record constructors with every column set, so seeds do not depend on database defaults (and stay deterministic). */
final class Records {
    private Records() {}

    static OrganizationsRecord organization(UUID id, String slug, String name, String settings, OffsetDateTime at) {
        OrganizationsRecord r = ORGANIZATIONS.newRecord();
        r.setId(id);
        r.setSlug(slug);
        r.setName(name);
        r.setSettings(JSON.valueOf(settings));
        r.setCreatedAt(at);
        return r;
    }

    static UsersRecord user(UUID id, UUID org, String email, String name, String role, OffsetDateTime at) {
        UsersRecord r = USERS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setEmail(email);
        r.setDisplayName(name);
        r.setRole(role);
        r.setCreatedAt(at);
        return r;
    }

    static FormsRecord form(UUID id, UUID org, String title, String description, String definition, String status, int version,
            UUID createdBy, OffsetDateTime at) {
        FormsRecord r = FORMS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setTitle(title);
        r.setDescription(description);
        r.setDefinition(JSON.valueOf(definition));
        r.setStatus(status);
        r.setVersion(version);
        r.setCreatedBy(createdBy);
        r.setCreatedAt(at);
        r.setUpdatedAt(at);
        return r;
    }

    static SubmissionsRecord submission(UUID id, UUID org, UUID form, UUID by, String data, String status, OffsetDateTime at) {
        SubmissionsRecord r = SUBMISSIONS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setFormId(form);
        r.setSubmittedBy(by);
        r.setData(JSON.valueOf(data));
        r.setStatus(status);
        r.setCreatedAt(at);
        return r;
    }

    static WorkflowsRecord workflow(UUID id, UUID org, UUID form, String name, String definition, boolean enabled, OffsetDateTime at) {
        WorkflowsRecord r = WORKFLOWS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setFormId(form);
        r.setName(name);
        r.setDefinition(JSON.valueOf(definition));
        r.setEnabled(enabled);
        r.setCreatedAt(at);
        return r;
    }

    static EventsRecord event(long id, UUID org, String entityType, UUID entity, String type, String payload, OffsetDateTime at) {
        EventsRecord r = EVENTS.newRecord();
        r.setId(id);
        r.setOrganizationId(org);
        r.setEntityType(entityType);
        r.setEntityId(entity);
        r.setType(type);
        r.setPayload(JSON.valueOf(payload));
        r.setOccurredAt(at);
        return r;
    }
}
