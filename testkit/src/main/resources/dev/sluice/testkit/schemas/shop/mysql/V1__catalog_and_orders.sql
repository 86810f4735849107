-- A small shop, as a user would write it for MySQL or MariaDB: AUTO_INCREMENT keys, an ENUM, checks, a
-- self-referencing table, triggers and a procedure in a DELIMITER block, a view, and reference data.

CREATE TABLE customers (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email      VARCHAR(254) NOT NULL UNIQUE,
    name       VARCHAR(100) NOT NULL,
    created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at DATETIME(6)  NULL
) ENGINE = InnoDB;

CREATE TABLE categories (
    id        INT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    parent_id INT         NULL,
    name      VARCHAR(60) NOT NULL UNIQUE,
    CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE = InnoDB;

CREATE TABLE products (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    category_id INT           NOT NULL,
    sku         CHAR(12)      NOT NULL UNIQUE,
    title       VARCHAR(300)  NOT NULL,
    price       DECIMAL(12,2) NOT NULL CHECK (price >= 0),
    stock       INT           NOT NULL DEFAULT 0 CHECK (stock >= 0),
    active      BOOLEAN       NOT NULL DEFAULT TRUE,
    CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
    INDEX products_title_idx (title)
) ENGINE = InnoDB;

CREATE TABLE orders (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT        NOT NULL,
    status      ENUM('pending', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'pending',
    total       DECIMAL(12,2) NOT NULL DEFAULT 0,
    placed_at   DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    note        VARCHAR(200)  NULL,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    INDEX orders_status_placed_idx (status, placed_at)
) ENGINE = InnoDB;

CREATE TABLE order_items (
    order_id   BIGINT        NOT NULL,
    product_id BIGINT        NOT NULL,
    quantity   INT           NOT NULL CHECK (quantity > 0),
    unit_price DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE = InnoDB;

CREATE TABLE audit_log (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    table_name VARCHAR(64) NOT NULL,
    row_id     BIGINT      NOT NULL,
    action     VARCHAR(10) NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    at         DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE = InnoDB;

DELIMITER //
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW
BEGIN
    SET NEW.updated_at = CURRENT_TIMESTAMP(6); -- a semicolon inside the body
END//

CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, row_id, action) VALUES ('orders', NEW.id, 'insert');
END//

CREATE PROCEDURE order_total(IN p_order BIGINT, OUT p_total DECIMAL(12,2))
BEGIN
    SELECT COALESCE(SUM(quantity * unit_price), 0) INTO p_total FROM order_items WHERE order_id = p_order;
END//
DELIMITER ;

CREATE VIEW customer_order_totals AS
    SELECT c.id AS customer_id, c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS spent
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id, c.email;

INSERT INTO categories (id, parent_id, name) VALUES (1, NULL, 'Books'), (2, 1, 'Fiction; novels'), (3, 1, 'Non-fiction'), (4, NULL, 'Music');
