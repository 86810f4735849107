CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER  NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id INTEGER  NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    rating      SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT,
    UNIQUE (product_id, customer_id)
);

CREATE TRIGGER reviews_touch_product AFTER INSERT ON reviews
BEGIN
    UPDATE products SET stock = stock WHERE id = NEW.product_id;
END;
