INSERT INTO customers (id, email) VALUES (1, 'ada@example.test'), (2, 'grace@example.test');
