-- Cross-tenant references. Until V2 a row could point at another tenant's row (a form created_by a user of another
-- organization, a submission or workflow of another organization's form): row-level security checks only the row
-- written, and a single-column foreign key only that the target exists somewhere. Then one tenant deleting its form
-- cascaded into another tenant's rows, and a foreign-key error on a guessed id told whether another tenant had it.
-- From here every reference inside a tenant carries the tenant: each tenant table has a unique (organization_id, id),
-- and references are foreign keys on (organization_id, <ref>_id), so a row can only point at a row of its own
-- organization, and the error for another tenant's id is the same as for an id that does not exist.
-- Existing rows that point across tenants make this migration fail (nothing is changed); fix them first.

ALTER TABLE users ADD CONSTRAINT users_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE forms ADD CONSTRAINT forms_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE submissions ADD CONSTRAINT submissions_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE workflows ADD CONSTRAINT workflows_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE events ADD CONSTRAINT events_organization_id_id_key UNIQUE (organization_id, id);

ALTER TABLE forms ADD CONSTRAINT forms_organization_id_created_by_fkey
    FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id);
ALTER TABLE submissions ADD CONSTRAINT submissions_organization_id_form_id_fkey
    FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE;
-- submitted_by keeps its single-column key for ON DELETE SET NULL (a composite SET NULL would null organization_id
-- too); the composite key beside it is checked at the end of the statement, after the SET NULL, and a NULL
-- submitted_by is not checked at all.
ALTER TABLE submissions ADD CONSTRAINT submissions_organization_id_submitted_by_fkey
    FOREIGN KEY (organization_id, submitted_by) REFERENCES users (organization_id, id);
ALTER TABLE workflows ADD CONSTRAINT workflows_organization_id_form_id_fkey
    FOREIGN KEY (organization_id, form_id) REFERENCES forms (organization_id, id) ON DELETE CASCADE;

ALTER TABLE forms DROP CONSTRAINT forms_created_by_fkey;
ALTER TABLE submissions DROP CONSTRAINT submissions_form_id_fkey;
ALTER TABLE workflows DROP CONSTRAINT workflows_form_id_fkey;
