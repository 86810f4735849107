-- Undoes V1__create_tables.sql. SQLite keeps its internal sqlite_sequence table (created for AUTOINCREMENT), which
-- cannot be dropped; dropping events removes its row there.
DROP TABLE events;
DROP TABLE workflows;
DROP TABLE submissions;
DROP TABLE forms;
DROP TABLE users;
DROP TABLE organizations;
