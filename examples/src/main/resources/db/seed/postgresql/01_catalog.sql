-- The catalogue the example starts with; sluice:seed loads it once (again only if this file changes).
INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Frank Herbert'), (3, 'Octavia E. Butler');
INSERT INTO books (id, author_id, title, copies) VALUES
    (1, 1, 'A Wizard of Earthsea', 2),
    (2, 1, 'The Dispossessed', 1),
    (3, 2, 'Dune', 3),
    (4, 3, 'Kindred', 2);
-- ids were given explicitly: move the identity sequences past them
SELECT setval(pg_get_serial_sequence('authors', 'id'), (SELECT max(id) FROM authors));
SELECT setval(pg_get_serial_sequence('books', 'id'), (SELECT max(id) FROM books));
