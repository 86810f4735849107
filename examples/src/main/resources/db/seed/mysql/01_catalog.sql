-- The catalogue the example starts with; sluice:seed loads it once (again only if this file changes).
INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Frank Herbert'), (3, 'Octavia E. Butler');
INSERT INTO books (id, author_id, title, copies) VALUES
    (1, 1, 'A Wizard of Earthsea', 2),
    (2, 1, 'The Dispossessed', 1),
    (3, 2, 'Dune', 3),
    (4, 3, 'Kindred', 2);
