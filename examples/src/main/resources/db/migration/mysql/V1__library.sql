-- The lending library, MySQL and MariaDB.
CREATE TABLE authors (
    id   BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE books (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    author_id BIGINT       NOT NULL,
    title     VARCHAR(200) NOT NULL,
    copies    INT          NOT NULL DEFAULT 1 CHECK (copies >= 0),
    CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)
);

CREATE TABLE loans (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    book_id     BIGINT       NOT NULL,
    borrower    VARCHAR(100) NOT NULL,
    loaned_at   DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    returned_at DATETIME(6),
    CONSTRAINT loans_book_fk FOREIGN KEY (book_id) REFERENCES books (id)
);

CREATE TABLE loan_events (
    id      BIGINT AUTO_INCREMENT PRIMARY KEY,
    loan_id BIGINT      NOT NULL,
    event   VARCHAR(20) NOT NULL,
    CONSTRAINT loan_events_loan_fk FOREIGN KEY (loan_id) REFERENCES loans (id)
);

-- How many copies of each book are on the shelf.
CREATE VIEW book_availability AS
SELECT b.id AS book_id, b.title, a.name AS author,
       b.copies - (SELECT COUNT(*) FROM loans l WHERE l.book_id = b.id AND l.returned_at IS NULL) AS available
FROM books b JOIN authors a ON a.id = b.author_id;

-- Every loan is recorded as an event, whoever inserts it.
CREATE TRIGGER loans_record AFTER INSERT ON loans FOR EACH ROW
    INSERT INTO loan_events (loan_id, event) VALUES (NEW.id, 'loaned');
