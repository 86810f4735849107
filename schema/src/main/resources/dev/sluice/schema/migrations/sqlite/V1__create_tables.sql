-- Sluice built-in schema, SQLite 3.38+: six tables of a multi-tenant forms-and-workflows product.
-- Organizations are the tenants; every other table carries organization_id. UUIDs are TEXT in their canonical form;
-- JSON is TEXT checked with json_valid. Timestamps are text in UTC, 'yyyy-MM-dd HH:mm:ss.SSSSSS' (the defaults write
-- that form, so text order is time order), in columns declared TIMESTAMP WITH TIME ZONE: jOOQ's SQLite dialect maps
-- that declared type to OffsetDateTime in plain-SQL results and in meta (TIMESTAMP or DATETIME would make it read a
-- LocalDateTime and fail on text that carries an offset; TEXT would read a String).
-- SQLite has no row-level security: tenant isolation is the application's job.
-- Foreign keys are enforced only on connections that run PRAGMA foreign_keys = ON.

CREATE TABLE organizations (
    id         TEXT                     NOT NULL,
    slug       VARCHAR(63)              NOT NULL,
    name       VARCHAR(200)             NOT NULL,
    settings   TEXT                     NOT NULL DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    CONSTRAINT organizations_pkey PRIMARY KEY (id),
    CONSTRAINT organizations_slug_key UNIQUE (slug),
    CONSTRAINT organizations_settings_check CHECK (json_valid(settings))
);

CREATE TABLE users (
    id              TEXT                     NOT NULL,
    organization_id TEXT                     NOT NULL,
    email           VARCHAR(320)             NOT NULL,
    display_name    VARCHAR(200)             NOT NULL,
    role            VARCHAR(16)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_organization_id_email_key UNIQUE (organization_id, email),
    CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT users_role_check CHECK (role IN ('owner', 'admin', 'member'))
);

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
    CONSTRAINT forms_pkey PRIMARY KEY (id),
    CONSTRAINT forms_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT forms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT forms_definition_check CHECK (json_valid(definition)),
    CONSTRAINT forms_status_check CHECK (status IN ('draft', 'published', 'archived'))
);
CREATE INDEX forms_organization_id_idx ON forms (organization_id);
CREATE INDEX forms_created_by_idx ON forms (created_by);

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
CREATE INDEX submissions_organization_id_idx ON submissions (organization_id);
CREATE INDEX submissions_form_id_created_at_idx ON submissions (form_id, created_at);
CREATE INDEX submissions_submitted_by_idx ON submissions (submitted_by);

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
CREATE INDEX workflows_organization_id_idx ON workflows (organization_id);
CREATE INDEX workflows_form_id_idx ON workflows (form_id);

-- Append-only audit log. entity_id names a row of the table given by entity_type; it is not a foreign key.
-- INTEGER PRIMARY KEY AUTOINCREMENT: ids are never reused, even after the newest row is deleted.
CREATE TABLE events (
    id              INTEGER                  PRIMARY KEY AUTOINCREMENT,
    organization_id TEXT                     NOT NULL,
    entity_type     VARCHAR(32)              NOT NULL,
    entity_id       TEXT                     NOT NULL,
    type            VARCHAR(64)              NOT NULL,
    payload         TEXT                     NOT NULL DEFAULT '{}',
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT events_payload_check CHECK (json_valid(payload))
);
CREATE INDEX events_organization_id_idx ON events (organization_id);
