-- Audit-log lookups: the history of one entity, and a tenant's events in time order. The second index also serves
-- the organization_id foreign key, so it replaces the single-column index from V1.
CREATE INDEX events_entity_type_entity_id_occurred_at_idx ON events (entity_type, entity_id, occurred_at);
CREATE INDEX events_organization_id_occurred_at_idx ON events (organization_id, occurred_at);
DROP INDEX events_organization_id_idx;

-- A free-text description shown to people filling in a form; optional.
ALTER TABLE forms ADD COLUMN description text NULL;
