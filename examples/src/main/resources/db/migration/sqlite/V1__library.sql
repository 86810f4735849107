-- The lending library, SQLite. Ids are INTEGER PRIMARY KEY (the row id); timestamps are UTC text in columns declared
-- TIMESTAMP WITH TIME ZONE, so the generated classes read them as OffsetDateTime as on the other vendors.
CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE books (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER      NOT NULL REFERENCES authors (id),
    title     VARCHAR(200) NOT NULL,
    copies    INTEGER      NOT NULL DEFAULT 1 CHECK (copies >= 0)
);
CREATE INDEX books_author ON books (author_id);

CREATE TABLE loans (
    id          INTEGER PRIMARY KEY,
    book_id     INTEGER                  NOT NULL REFERENCES books (id),
    borrower    VARCHAR(100)             NOT NULL,
    loaned_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    returned_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX loans_book ON loans (book_id);

CREATE TABLE loan_events (
    id      INTEGER PRIMARY KEY,
    loan_id INTEGER     NOT NULL REFERENCES loans (id),
    event   VARCHAR(20) NOT NULL
);

-- How many copies of each book are on the shelf.
CREATE VIEW book_availability AS
SELECT b.id AS book_id, b.title, a.name AS author,
       b.copies - (SELECT COUNT(*) FROM loans l WHERE l.book_id = b.id AND l.returned_at IS NULL) AS available
FROM books b JOIN authors a ON a.id = b.author_id;

-- Every loan is recorded as an event, whoever inserts it.
CREATE TRIGGER loans_record AFTER INSERT ON loans
BEGIN
    INSERT INTO loan_events (loan_id, event) VALUES (NEW.id, 'loaned');
END;
