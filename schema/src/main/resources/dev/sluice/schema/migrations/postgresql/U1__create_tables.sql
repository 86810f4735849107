-- Undoes V1__create_tables.sql. The role sluice_app stays: roles belong to the whole cluster and other databases on
-- it may still use the role.

-- [jooq ignore start]
DROP POLICY tenant_isolation ON events;
DROP POLICY tenant_isolation ON workflows;
DROP POLICY tenant_isolation ON submissions;
DROP POLICY tenant_isolation ON forms;
DROP POLICY tenant_isolation ON users;
DROP POLICY tenant_isolation ON organizations;

DO $$
BEGIN
    EXECUTE format('REVOKE USAGE, SELECT ON SEQUENCE %s FROM sluice_app',
                   pg_get_serial_sequence(format('%I.events', current_schema()), 'id'));
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM sluice_app', current_schema());
END
$$;

REVOKE SELECT, INSERT, UPDATE, DELETE ON organizations, users, forms, submissions, workflows, events FROM sluice_app;
-- [jooq ignore stop]

DROP TABLE events;
DROP TABLE workflows;
DROP TABLE submissions;
DROP TABLE forms;
DROP TABLE users;
DROP TABLE organizations;
