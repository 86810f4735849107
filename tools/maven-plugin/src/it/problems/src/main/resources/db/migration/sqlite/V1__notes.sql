CREATE TABLE notebooks (
    id   INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    notebook_id INTEGER NOT NULL REFERENCES notebooks (id),
    title       VARCHAR(200) NOT NULL,
    body        TEXT
);
CREATE INDEX notes_notebook ON notes (notebook_id);
