-- A small shop, as a user would write it for SQLite: INTEGER PRIMARY KEY rowids, checks standing in for enums,
-- foreign keys, triggers with BEGIN ... END bodies, a view, and reference data.

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    email      VARCHAR(254) NOT NULL UNIQUE,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP
);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    name      VARCHAR(60) NOT NULL UNIQUE
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER        NOT NULL REFERENCES categories (id),
    sku         CHAR(12)       NOT NULL UNIQUE,
    title       TEXT           NOT NULL,
    price       DECIMAL(12, 2) NOT NULL CHECK (price >= 0),
    stock       INTEGER        NOT NULL DEFAULT 0 CHECK (stock >= 0),
    active      BOOLEAN        NOT NULL DEFAULT 1
);
CREATE INDEX products_title_idx ON products (title);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    status      VARCHAR(10)    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    total       DECIMAL(12, 2) NOT NULL DEFAULT 0,
    placed_at   TIMESTAMP      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note        VARCHAR(200)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);

CREATE TABLE order_items (
    order_id   INTEGER        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id INTEGER        NOT NULL REFERENCES products (id),
    quantity   INTEGER        NOT NULL CHECK (quantity > 0),
    unit_price DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT      NOT NULL,
    row_id     INTEGER   NOT NULL,
    action     TEXT      NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER customers_touch AFTER UPDATE OF email, name ON customers
BEGIN
    UPDATE customers SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; -- a semicolon inside the body
END;

CREATE TRIGGER orders_audit AFTER INSERT ON orders
BEGIN
    INSERT INTO audit_log (table_name, row_id, action)
    VALUES ('orders', NEW.id, CASE WHEN NEW.status = 'pending' THEN 'insert' ELSE 'insert' END);
END;

CREATE VIEW customer_order_totals AS
    SELECT c.id AS customer_id, c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS spent
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id, c.email;

INSERT INTO categories (id, parent_id, name) VALUES (1, NULL, 'Books'), (2, 1, 'Fiction; novels'), (3, 1, 'Non-fiction'), (4, NULL, 'Music');
