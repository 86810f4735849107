DROP VIEW customer_order_totals;
DROP TABLE order_items, orders, products, categories, customers, audit_log;
DROP FUNCTION order_total(bigint);
DROP FUNCTION audit_orders();
DROP FUNCTION touch_updated_at();
DROP DOMAIN money_amount;
DROP DOMAIN email_address;
DROP TYPE order_status;
