DROP PROCEDURE cancel_stale_orders(integer);
DROP TABLE reviews;
