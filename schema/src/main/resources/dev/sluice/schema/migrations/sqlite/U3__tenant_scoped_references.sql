-- Undoes V3__tenant_scoped_references.sql: forms, submissions and workflows are rebuilt with their V2 definitions
-- (single-column references), in the same order and for the same reasons as in V3.

ALTER TABLE forms RENAME TO forms_v3;
DROP INDEX forms_organization_id_idx;
DROP INDEX forms_created_by_idx;
CREATE TABLE forms (
    id              TEXT                     NOT NULL,
    organization_id TEXT                     NOT NULL,
    title           VARCHAR(200)             NOT NULL,
    definition      TEXT                     NOT NULL,
    status          VARCHAR(16)              NOT NULL DEFAULT 'draft',
    version         INTEGER                  NOT NULL DEFAULT 1,
    created_by      TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    description     TEXT                     NULL,
    CONSTRAINT forms_pkey PRIMARY KEY (id),
    CONSTRAINT forms_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT forms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT forms_definition_check CHECK (json_valid(definition)),
    CONSTRAINT forms_status_check CHECK (status IN ('draft', 'published', 'archived'))
);
INSERT INTO forms (id, organization_id, title, definition, status, version, created_by, created_at, updated_at, description)
    SELECT id, organization_id, title, definition, status, version, created_by, created_at, updated_at, description FROM forms_v3;
CREATE INDEX forms_organization_id_idx ON forms (organization_id);
CREATE INDEX forms_created_by_idx ON forms (created_by);

ALTER TABLE submissions RENAME TO submissions_v3;
DROP INDEX submissions_organization_id_idx;
DROP INDEX submissions_form_id_created_at_idx;
DROP INDEX submissions_submitted_by_idx;
CREATE TABLE submissions (
    id              TEXT                     NOT NULL,
    organization_id TEXT                     NOT NULL,
    form_id         TEXT                     NOT NULL,
    submitted_by    TEXT                     NULL,
    data            TEXT                     NOT NULL,
    status          VARCHAR(16)              NOT NULL DEFAULT 'received',
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    CONSTRAINT submissions_pkey PRIMARY KEY (id),
    CONSTRAINT submissions_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT submissions_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE,
    CONSTRAINT submissions_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT submissions_data_check CHECK (json_valid(data)),
    CONSTRAINT submissions_status_check CHECK (status IN ('received', 'processing', 'completed', 'rejected'))
);
INSERT INTO submissions (id, organization_id, form_id, submitted_by, data, status, created_at)
    SELECT id, organization_id, form_id, submitted_by, data, status, created_at FROM submissions_v3;
DROP TABLE submissions_v3;
CREATE INDEX submissions_organization_id_idx ON submissions (organization_id);
CREATE INDEX submissions_form_id_created_at_idx ON submissions (form_id, created_at);
CREATE INDEX submissions_submitted_by_idx ON submissions (submitted_by);

ALTER TABLE workflows RENAME TO workflows_v3;
DROP INDEX workflows_organization_id_idx;
DROP INDEX workflows_form_id_idx;
CREATE TABLE workflows (
    id              TEXT                     NOT NULL,
    organization_id TEXT                     NOT NULL,
    form_id         TEXT                     NOT NULL,
    name            VARCHAR(200)             NOT NULL,
    definition      TEXT                     NOT NULL,
    enabled         BOOLEAN                  NOT NULL DEFAULT 1,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    CONSTRAINT workflows_pkey PRIMARY KEY (id),
    CONSTRAINT workflows_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT workflows_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE,
    CONSTRAINT workflows_definition_check CHECK (json_valid(definition)),
    CONSTRAINT workflows_enabled_check CHECK (enabled IN (0, 1))
);
INSERT INTO workflows (id, organization_id, form_id, name, definition, enabled, created_at)
    SELECT id, organization_id, form_id, name, definition, enabled, created_at FROM workflows_v3;
DROP TABLE workflows_v3;
CREATE INDEX workflows_organization_id_idx ON workflows (organization_id);
CREATE INDEX workflows_form_id_idx ON workflows (form_id);

DROP TABLE forms_v3;

DROP INDEX events_organization_id_id_key;
DROP INDEX users_organization_id_id_key;
