DROP TRIGGER loans_record;
DROP VIEW book_availability;
DROP TABLE loan_events;
DROP TABLE loans;
DROP TABLE books;
DROP TABLE authors;
