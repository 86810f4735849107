-- Undoes V3__tenant_scoped_references.sql: back to single-column references.
ALTER TABLE forms ADD CONSTRAINT forms_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE submissions ADD CONSTRAINT submissions_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE;
ALTER TABLE workflows ADD CONSTRAINT workflows_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE;

ALTER TABLE workflows DROP CONSTRAINT workflows_organization_id_form_id_fkey;
ALTER TABLE submissions DROP CONSTRAINT submissions_organization_id_submitted_by_fkey;
ALTER TABLE submissions DROP CONSTRAINT submissions_organization_id_form_id_fkey;
ALTER TABLE forms DROP CONSTRAINT forms_organization_id_created_by_fkey;

ALTER TABLE events DROP CONSTRAINT events_organization_id_id_key;
ALTER TABLE workflows DROP CONSTRAINT workflows_organization_id_id_key;
ALTER TABLE submissions DROP CONSTRAINT submissions_organization_id_id_key;
ALTER TABLE forms DROP CONSTRAINT forms_organization_id_id_key;
ALTER TABLE users DROP CONSTRAINT users_organization_id_id_key;
