-- Cross-tenant references (see the PostgreSQL script for why): each tenant table gets a unique (organization_id, id),
-- and references inside a tenant become foreign keys on (organization_id, <ref>_id). SQLite has no row-level
-- security, so these keys are what stops one tenant's row from pointing at another's.
--
-- SQLite cannot add or drop constraints: forms, submissions and workflows are rebuilt. Dropping a table deletes its
-- rows first, with the cascades of the foreign keys that point at it, so forms is renamed before anything else: the
-- foreign keys of submissions and workflows follow it to forms_v2 (SQLite 3.26+ rewrites them), the two are rebuilt
-- against the new forms, and forms_v2 is dropped last, when nothing points at it any more. Indexes keep their names
-- when their table is renamed, so the old ones are dropped before the new ones are made. Rows that point across
-- tenants make the copy fail and the migration roll back.

CREATE UNIQUE INDEX users_organization_id_id_key ON users (organization_id, id);
CREATE UNIQUE INDEX events_organization_id_id_key ON events (organization_id, id);

ALTER TABLE forms RENAME TO forms_v2;
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
    CONSTRAINT forms_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT forms_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT forms_organization_id_created_by_fkey FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
    CONSTRAINT forms_definition_check CHECK (json_valid(definition)),
    CONSTRAINT forms_status_check CHECK (status IN ('draft', 'published', 'archived'))
);
INSERT INTO forms (id, organization_id, title, definition, status, version, created_by, created_at, updated_at, description)
    SELECT id, organization_id, title, definition, status, version, created_by, created_at, updated_at, description FROM forms_v2;
CREATE INDEX forms_organization_id_idx ON forms (organization_id);
CREATE INDEX forms_created_by_idx ON forms (created_by);

ALTER TABLE submissions RENAME TO submissions_v2;
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
    CONSTRAINT submissions_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT submissions_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT submissions_organization_id_form_id_fkey FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE,
    -- submitted_by keeps its single-column key for ON DELETE SET NULL; the composite key beside it checks the tenant
    CONSTRAINT submissions_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT submissions_organization_id_submitted_by_fkey FOREIGN KEY (organization_id, submitted_by) REFERENCES users (organization_id, id),
    CONSTRAINT submissions_data_check CHECK (json_valid(data)),
    CONSTRAINT submissions_status_check CHECK (status IN ('received', 'processing', 'completed', 'rejected'))
);
INSERT INTO submissions (id, organization_id, form_id, submitted_by, data, status, created_at)
    SELECT id, organization_id, form_id, submitted_by, data, status, created_at FROM submissions_v2;
DROP TABLE submissions_v2;
CREATE INDEX submissions_organization_id_idx ON submissions (organization_id);
CREATE INDEX submissions_form_id_created_at_idx ON submissions (form_id, created_at);
CREATE INDEX submissions_submitted_by_idx ON submissions (submitted_by);

ALTER TABLE workflows RENAME TO workflows_v2;
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
    CONSTRAINT workflows_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT workflows_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT workflows_organization_id_form_id_fkey FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT workflows_definition_check CHECK (json_valid(definition)),
    CONSTRAINT workflows_enabled_check CHECK (enabled IN (0, 1))
);
INSERT INTO workflows (id, organization_id, form_id, name, definition, enabled, created_at)
    SELECT id, organization_id, form_id, name, definition, enabled, created_at FROM workflows_v2;
DROP TABLE workflows_v2;
CREATE INDEX workflows_organization_id_idx ON workflows (organization_id);
CREATE INDEX workflows_form_id_idx ON workflows (form_id);

DROP TABLE forms_v2;
