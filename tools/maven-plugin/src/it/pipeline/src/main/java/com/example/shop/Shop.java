package com.example.shop;

import static com.example.shop.db.Tables.CUSTOMERS;
import static com.example.shop.db.Tables.CUSTOMER_ORDER_TOTALS;
import static com.example.shop.db.Tables.ORDERS;
import static com.example.shop.db.Tables.PRODUCTS;
import static com.example.shop.db.Tables.REVIEWS;

import com.example.shop.db.tables.records.CustomersRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * Typed queries against the classes sluice:generate made from this project's migrations: this compiles only if they
 * exist, with these tables, view and columns, on every vendor.
 */
public final class Shop {
    private Shop() {}

    /** The customers who have placed an order, with what they spent (through the view). */
    public static Result<? extends Record> spenders(DSLContext dsl) {
        return dsl.select(CUSTOMERS.NAME, CUSTOMER_ORDER_TOTALS.SPENT)
                .from(CUSTOMERS)
                .join(CUSTOMER_ORDER_TOTALS).on(CUSTOMER_ORDER_TOTALS.EMAIL.eq(CUSTOMERS.EMAIL))
                .whereExists(dsl.selectOne().from(ORDERS).where(ORDERS.CUSTOMER_ID.eq(CUSTOMERS.ID)))
                .fetch();
    }

    /** A customer by e-mail. */
    public static CustomersRecord customer(DSLContext dsl, String email) {
        return dsl.selectFrom(CUSTOMERS).where(CUSTOMERS.EMAIL.eq(email)).fetchOne();
    }

    /** A customer as a POJO (generated because the pom asks for POJOs). */
    public static com.example.shop.db.tables.pojos.Customers customerPojo(DSLContext dsl, String email) {
        return customer(dsl, email).into(com.example.shop.db.tables.pojos.Customers.class);
    }

    /** A product's stock: a Long on every vendor, through the pom's forced type. */
    public static Long stock(DSLContext dsl, String sku) {
        return dsl.select(PRODUCTS.STOCK).from(PRODUCTS).where(PRODUCTS.SKU.eq(sku)).fetchOne(PRODUCTS.STOCK);
    }

    /** How many reviews there are (version 2 of the schema). */
    public static int reviews(DSLContext dsl) {
        return dsl.fetchCount(REVIEWS);
    }
}
