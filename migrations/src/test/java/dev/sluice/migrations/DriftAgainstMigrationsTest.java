package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The drift check against a throwaway database migrated with the same scripts, one kind of difference at a time. */
class DriftAgainstMigrationsTest {

    @Test
    void theBuiltInSchemaOnPostgresReportsRowLevelSecurityAndPolicies() {
        try (TestDatabase tdb = TestDatabases.postgres(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).build();
            m.migrate();
            DriftReport clean = m.checkSchemaAgainstMigrations();
            assertThat(clean.differences()).isEmpty();
            assertThat(clean.summary()).isEqualTo("schema matches: 6 tables checked");

            db.dsl().execute("ALTER TABLE users NO FORCE ROW LEVEL SECURITY");
            db.dsl().execute("ALTER TABLE forms DISABLE ROW LEVEL SECURITY");
            db.dsl().execute("DROP POLICY tenant_isolation ON events");
            db.dsl().execute("CREATE POLICY peek ON workflows USING (true)");
            db.dsl().execute("ALTER POLICY tenant_isolation ON submissions USING (true)");
            assertThat(m.checkSchemaAgainstMigrations().differences()).containsExactlyInAnyOrder(
                    "users: row-level security expected ENABLE and FORCE, found ENABLE and NO FORCE",
                    "forms: row-level security expected ENABLE and FORCE, found DISABLE and FORCE",
                    "events: policy tenant_isolation missing",
                    "workflows: unexpected policy peek",
                    "submissions: policy tenant_isolation expected [...ic using ((organization_id = (NULLIF(current_setting("
                            + "'sluice.tenant_id'::text, true), ''::text))::uuid)) with che...], found [...ic using (true) with che...]");
        }
    }

    /** Per vendor: statements that change a column's type, its nullability, a default, a foreign key, a check, a view, a trigger. */
    private static final Map<Vendor, List<String>> EDITS = Map.of(
            Vendor.POSTGRESQL, List.of(
                    "ALTER TABLE customers ALTER COLUMN name TYPE varchar(50)",
                    "ALTER TABLE orders ALTER COLUMN note SET NOT NULL",
                    "ALTER TABLE products ALTER COLUMN stock SET DEFAULT 1",
                    "ALTER TABLE reviews DROP CONSTRAINT reviews_customer_id_fkey",
                    "ALTER TABLE order_items DROP CONSTRAINT order_items_quantity_check",
                    "CREATE OR REPLACE VIEW customer_order_totals AS SELECT c.id AS customer_id, c.email, 0::bigint AS orders, 0::numeric AS spent FROM customers c",
                    "DROP TRIGGER customers_touch ON customers",
                    "CREATE TABLE scratch (id int)"),
            Vendor.MYSQL, List.of(
                    "ALTER TABLE customers MODIFY name VARCHAR(50) NOT NULL",
                    "UPDATE orders SET note = ''",
                    "ALTER TABLE orders MODIFY note VARCHAR(200) NOT NULL",
                    "ALTER TABLE products ALTER COLUMN stock SET DEFAULT 1",
                    "ALTER TABLE reviews DROP FOREIGN KEY reviews_customer_fk",
                    "ALTER TABLE order_items MODIFY quantity INT NOT NULL", // MariaDB: a column check goes with the column definition
                    "CREATE OR REPLACE VIEW customer_order_totals AS SELECT c.id AS customer_id, c.email, 0 AS orders, 0 AS spent FROM customers c",
                    "DROP TRIGGER customers_touch",
                    "CREATE TABLE scratch (id INT)"));

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POSTGRESQL", "MYSQL"})
    void eachKindOfDifferenceIsNamed(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build();
            m.migrate();
            EDITS.get(vendor).forEach(db.dsl()::execute);
            List<String> d = m.checkSchemaAgainstMigrations().differences();
            assertThat(d).anySatisfy(x -> assertThat(x).startsWith("customers.name: expected ").contains("(100) NOT NULL, found ").endsWith("(50) NOT NULL"));
            assertThat(d).anySatisfy(x -> assertThat(x).startsWith("orders.note: expected ").endsWith("(200) NOT NULL").contains("(200) NULL, found"));
            assertThat(d).anySatisfy(x -> assertThat(x).isEqualTo("products.stock: default expected 0, found 1"));
            assertThat(d).anySatisfy(x -> assertThat(x).startsWith("reviews: foreign key (customer_id) -> customers (id) ON DELETE CASCADE missing"));
            assertThat(d).anySatisfy(x -> assertThat(x).startsWith("order_items: check (").contains("quantity").endsWith(" missing"));
            assertThat(d).anySatisfy(x -> assertThat(x).startsWith("view customer_order_totals: expected ["));
            assertThat(d).anySatisfy(x -> assertThat(x).isEqualTo("trigger customers_touch on customers: missing"));
            assertThat(d).anySatisfy(x -> assertThat(x).isEqualTo("scratch: unexpected table"));
        }
    }

    @Test
    void sqliteViewsTriggersAndIndexes() {
        try (TestDatabase tdb = TestDatabases.sqlite(); Database db = Database.connect(tdb.config())) {
            Migrations m = Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build();
            m.migrate();
            db.dsl().execute("DROP VIEW customer_order_totals");
            db.dsl().execute("DROP TRIGGER orders_audit");
            db.dsl().execute("CREATE INDEX orders_note_idx ON orders (note)");
            db.dsl().execute("CREATE TRIGGER extra AFTER DELETE ON orders BEGIN DELETE FROM audit_log; END");
            assertThat(m.checkSchemaAgainstMigrations().differences()).containsExactlyInAnyOrder(
                    "orders: unexpected index (note)",
                    "view customer_order_totals: missing",
                    "trigger orders_audit on orders: missing",
                    "trigger extra on orders: unexpected");
        }
    }
}
