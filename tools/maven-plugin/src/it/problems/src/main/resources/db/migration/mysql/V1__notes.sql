CREATE TABLE notebooks (
    id   BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);
CREATE TABLE notes (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    notebook_id BIGINT NOT NULL,
    title       VARCHAR(200) NOT NULL,
    body        TEXT,
    CONSTRAINT notes_notebook_fk FOREIGN KEY (notebook_id) REFERENCES notebooks (id)
);
