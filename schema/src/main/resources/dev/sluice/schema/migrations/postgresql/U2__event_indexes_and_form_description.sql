-- Undoes V2__event_indexes_and_form_description.sql.
ALTER TABLE forms DROP COLUMN description;

CREATE INDEX events_organization_id_idx ON events (organization_id);
DROP INDEX events_organization_id_occurred_at_idx;
DROP INDEX events_entity_type_entity_id_occurred_at_idx;
