-- Sluice built-in schema, MySQL 8.0.16+ and MariaDB 10.4+: six tables of a multi-tenant forms-and-workflows product.
-- Organizations are the tenants; every other table carries organization_id. UUIDs are CHAR(36) in their canonical
-- text form; timestamps are DATETIME(6) holding UTC (the defaults use UTC_TIMESTAMP, whatever the session time zone).
-- MySQL has no row-level security: tenant isolation is the application's job (filter on organization_id).
-- Constraint names match the PostgreSQL scripts (MySQL names every primary key PRIMARY, so those go unnamed);
-- MySQL wants CHECK and foreign key names unique per schema.

CREATE TABLE organizations (
    id         CHAR(36)     NOT NULL,
    slug       VARCHAR(63)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    settings   JSON         NOT NULL DEFAULT ('{}'),
    created_at DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    CONSTRAINT organizations_slug_key UNIQUE (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE users (
    id              CHAR(36)     NOT NULL,
    organization_id CHAR(36)     NOT NULL,
    email           VARCHAR(320) NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    CONSTRAINT users_organization_id_email_key UNIQUE (organization_id, email),
    CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT users_role_check CHECK (role IN ('owner', 'admin', 'member'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE forms (
    id              CHAR(36)     NOT NULL,
    organization_id CHAR(36)     NOT NULL,
    title           VARCHAR(200) NOT NULL,
    definition      JSON         NOT NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'draft',
    version         INT          NOT NULL DEFAULT 1,
    created_by      CHAR(36)     NOT NULL,
    created_at      DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    updated_at      DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    INDEX forms_organization_id_idx (organization_id),
    INDEX forms_created_by_idx (created_by),
    CONSTRAINT forms_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT forms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT forms_status_check CHECK (status IN ('draft', 'published', 'archived'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE submissions (
    id              CHAR(36)    NOT NULL,
    organization_id CHAR(36)    NOT NULL,
    form_id         CHAR(36)    NOT NULL,
    submitted_by    CHAR(36)    NULL,
    data            JSON        NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'received',
    created_at      DATETIME(6) NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    INDEX submissions_organization_id_idx (organization_id),
    INDEX submissions_form_id_created_at_idx (form_id, created_at),
    INDEX submissions_submitted_by_idx (submitted_by),
    CONSTRAINT submissions_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT submissions_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE,
    CONSTRAINT submissions_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT submissions_status_check CHECK (status IN ('received', 'processing', 'completed', 'rejected'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE workflows (
    id              CHAR(36)     NOT NULL,
    organization_id CHAR(36)     NOT NULL,
    form_id         CHAR(36)     NOT NULL,
    name            VARCHAR(200) NOT NULL,
    definition      JSON         NOT NULL,
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    INDEX workflows_organization_id_idx (organization_id),
    INDEX workflows_form_id_idx (form_id),
    CONSTRAINT workflows_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT workflows_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Append-only audit log. entity_id names a row of the table given by entity_type; it is not a foreign key.
CREATE TABLE events (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    organization_id CHAR(36)    NOT NULL,
    entity_type     VARCHAR(32) NOT NULL,
    entity_id       CHAR(36)    NOT NULL,
    type            VARCHAR(64) NOT NULL,
    payload         JSON        NOT NULL DEFAULT ('{}'),
    occurred_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    INDEX events_organization_id_idx (organization_id),
    CONSTRAINT events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
