CREATE TABLE reviews (
    id          BIGINT   NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id  BIGINT   NOT NULL,
    customer_id BIGINT   NOT NULL,
    rating      SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT     NULL,
    UNIQUE KEY reviews_product_customer (product_id, customer_id),
    CONSTRAINT reviews_product_fk FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
    CONSTRAINT reviews_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE = InnoDB;

DELIMITER $$
CREATE PROCEDURE cancel_stale_orders(IN days INT)
BEGIN
    UPDATE orders SET status = 'cancelled' WHERE status = 'pending' AND placed_at < NOW(6) - INTERVAL days DAY;
END$$
DELIMITER ;
