-- Cross-tenant references (see the PostgreSQL script for why): each tenant table gets a unique (organization_id, id),
-- and references inside a tenant become foreign keys on (organization_id, <ref>_id). MySQL has no row-level security,
-- so these keys are what stops one tenant's row from pointing at another's.
-- MySQL commits each DDL statement on its own: the new keys are added before the old ones are dropped, so rows that
-- point across tenants make the migration fail before anything is taken away.
-- Each composite foreign key gets an index of its own, named here (InnoDB would otherwise make one named after the key).

ALTER TABLE users ADD CONSTRAINT users_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE forms ADD CONSTRAINT forms_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE submissions ADD CONSTRAINT submissions_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE workflows ADD CONSTRAINT workflows_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE events ADD CONSTRAINT events_organization_id_id_key UNIQUE (organization_id, id);

ALTER TABLE forms
    ADD INDEX forms_organization_id_created_by_idx (organization_id, created_by),
    ADD CONSTRAINT forms_organization_id_created_by_fkey
        FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id);
ALTER TABLE submissions
    ADD INDEX submissions_organization_id_form_id_idx (organization_id, form_id),
    ADD INDEX submissions_organization_id_submitted_by_idx (organization_id, submitted_by),
    ADD CONSTRAINT submissions_organization_id_form_id_fkey
        FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE,
    -- submitted_by keeps its single-column key for ON DELETE SET NULL; the composite key beside it checks the tenant
    ADD CONSTRAINT submissions_organization_id_submitted_by_fkey
        FOREIGN KEY (organization_id, submitted_by) REFERENCES users (organization_id, id);
ALTER TABLE workflows
    ADD INDEX workflows_organization_id_form_id_idx (organization_id, form_id),
    ADD CONSTRAINT workflows_organization_id_form_id_fkey
        FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE;

ALTER TABLE forms DROP FOREIGN KEY forms_created_by_fkey;
ALTER TABLE submissions DROP FOREIGN KEY submissions_form_id_fkey;
ALTER TABLE workflows DROP FOREIGN KEY workflows_form_id_fkey;
