-- Undoes V3__tenant_scoped_references.sql: back to single-column references.
ALTER TABLE forms ADD CONSTRAINT forms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE submissions ADD CONSTRAINT submissions_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE;
ALTER TABLE workflows ADD CONSTRAINT workflows_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE;

ALTER TABLE workflows DROP FOREIGN KEY workflows_organization_id_form_id_fkey, DROP INDEX workflows_organization_id_form_id_idx;
ALTER TABLE submissions DROP FOREIGN KEY submissions_organization_id_submitted_by_fkey,
    DROP FOREIGN KEY submissions_organization_id_form_id_fkey;
ALTER TABLE submissions DROP INDEX submissions_organization_id_submitted_by_idx, DROP INDEX submissions_organization_id_form_id_idx;
ALTER TABLE forms DROP FOREIGN KEY forms_organization_id_created_by_fkey;
ALTER TABLE forms DROP INDEX forms_organization_id_created_by_idx;

ALTER TABLE events DROP INDEX events_organization_id_id_key;
ALTER TABLE workflows DROP INDEX workflows_organization_id_id_key;
ALTER TABLE submissions DROP INDEX submissions_organization_id_id_key;
ALTER TABLE forms DROP INDEX forms_organization_id_id_key;
ALTER TABLE users DROP INDEX users_organization_id_id_key;
