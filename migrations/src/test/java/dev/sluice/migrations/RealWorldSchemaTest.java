package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A realistic user schema (testkit's shop fixture: functions with $$ bodies, triggers, views, enum types, domains and
 * COPY data on PostgreSQL; DELIMITER blocks, triggers and procedures on MariaDB; triggers and views on SQLite) through
 * migrate, info, validate, check-schema and rollback.
 */
class RealWorldSchemaTest {

    /** Per vendor: a column added by hand and an index dropped by hand. */
    private static final Map<Vendor, String[]> HAND_EDITS = Map.of(
            Vendor.POSTGRESQL, new String[] {"ALTER TABLE orders ADD COLUMN coupon varchar(20)", "DROP INDEX orders_customer_idx"},
            Vendor.MYSQL, new String[] {"ALTER TABLE orders ADD COLUMN coupon VARCHAR(20)", "DROP INDEX products_title_idx ON products"},
            Vendor.SQLITE, new String[] {"ALTER TABLE orders ADD COLUMN coupon VARCHAR(20)", "DROP INDEX orders_customer_idx"});

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void migrateInfoValidateCheckSchemaAndRollBack(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build();
            MigrationReport r = m.migrate();
            assertThat(r.migrations()).extracting(AppliedMigration::script).containsExactly("V1__catalog_and_orders.sql", "V2__reviews.sql");
            assertThat(MigrationsTest.tables(db)).contains("customers", "categories", "products", "orders", "order_items", "audit_log", "reviews");
            // the data section arrived, semicolons inside values included
            assertThat(db.dsl().fetchValue("SELECT name FROM categories WHERE id = 2")).isEqualTo("Fiction; novels");
            // triggers work: inserting an order writes the audit log
            db.dsl().execute("INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada')");
            db.dsl().execute("INSERT INTO orders (customer_id, note) VALUES ((SELECT id FROM customers), 'first')");
            assertThat(((Number) db.dsl().fetchValue("SELECT count(*) FROM audit_log WHERE table_name = 'orders'")).intValue()).isEqualTo(1);
            assertThat(((Number) db.dsl().fetchValue("SELECT orders FROM customer_order_totals")).intValue()).isEqualTo(1);

            assertThat(m.info()).extracting(MigrationStatus::state).containsExactly(MigrationState.SUCCESS, MigrationState.SUCCESS);
            assertThat(m.info()).allSatisfy(s -> assertThat(s.hasDownScript()).isTrue());
            assertThat(m.validate().valid()).isTrue();

            DriftReport clean = m.checkSchemaAgainstMigrations();
            assertThat(clean.differences()).isEmpty();
            assertThat(clean.summary()).startsWith("schema matches: 7 tables checked");

            for (String sql : HAND_EDITS.get(vendor)) {
                db.dsl().execute(sql);
            }
            DriftReport drift = m.checkSchemaAgainstMigrations();
            assertThat(drift.differences()).contains("orders: unexpected column coupon");
            assertThat(drift.differences()).anySatisfy(d -> assertThat(d).matches("(orders|products): index \\((customer_id|title)\\) missing"));
            assertThat(drift.differences()).hasSize(2);

            assertThat(m.rollback("1").migrations()).extracting(AppliedMigration::script).containsExactly("U2__reviews.sql");
            assertThat(MigrationsTest.tables(db)).doesNotContain("reviews").contains("orders");
            assertThat(m.rollback("0").toVersion()).isNull();
            assertThat(MigrationsTest.tables(db)).doesNotContain("customers", "orders", "categories", "audit_log");
            assertThat(m.migrate().toVersion()).isEqualTo("2");
            assertThat(m.checkSchemaAgainstMigrations().differences()).isEmpty();
        }
    }
}
