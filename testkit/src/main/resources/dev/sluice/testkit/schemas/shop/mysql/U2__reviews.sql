DROP PROCEDURE cancel_stale_orders;
DROP TABLE reviews;
