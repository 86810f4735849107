-- The application's own first migration: version 1, like the built-in schema's first one, in Flyway's default place.
CREATE TABLE notes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    body            text NOT NULL
);
