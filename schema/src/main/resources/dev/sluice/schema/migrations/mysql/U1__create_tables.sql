-- Undoes V1__create_tables.sql.
DROP TABLE events;
DROP TABLE workflows;
DROP TABLE submissions;
DROP TABLE forms;
DROP TABLE users;
DROP TABLE organizations;
