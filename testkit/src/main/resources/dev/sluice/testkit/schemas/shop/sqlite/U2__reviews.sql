DROP TRIGGER reviews_touch_product;
DROP TABLE reviews;
