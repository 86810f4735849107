package dev.sluice.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.testkit.SchemaFixtures;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console on a schema the library has never seen (testkit's shop fixture: views, triggers, and functions or
 * procedures per vendor), on every vendor: its tables and views, a view's rows, a trigger's rows, foreign keys both
 * ways, the user's own migration timeline and a clean drift report.
 */
class StudioOwnSchemaTest {
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void browsesAUsersOwnSchema(Vendor vendor) throws Exception {
        String location = SchemaFixtures.location(SchemaFixtures.SHOP);
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).locations(location).build().migrate();
            db.dsl().execute("INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada')");
            db.dsl().execute("INSERT INTO orders (customer_id, note) VALUES ((SELECT id FROM customers), 'first')"); // trigger: audit_log
            try (Studio studio = Studio.start(db, StudioOptions.builder().port(0).migrationLocations(List.of(location)).build())) {
                JsonNode tables = get(studio, "/api/tables").get("tables");
                assertThat(tables.findValuesAsText("name")).contains("customers", "orders", "order_items", "audit_log", "customer_order_totals");
                for (JsonNode t : tables) {
                    assertThat(t.get("view").asBoolean()).as(t.toString()).isEqualTo(t.get("name").asText().equals("customer_order_totals"));
                }
                assertThat(get(studio, "/api/rows?table=customer_order_totals").get("total").asInt()).isEqualTo(1);
                assertThat(get(studio, "/api/rows?table=audit_log").get("total").asInt()).isEqualTo(1);

                JsonNode orders = get(studio, "/api/rows?table=orders");
                assertThat(orders.get("total").asInt()).isEqualTo(1);
                List<String> references = new ArrayList<>();
                orders.get("columns").forEach(c -> {
                    if (c.hasNonNull("references")) {
                        references.add(c.get("name").asText() + "->" + c.get("references").get("table").asText());
                    }
                });
                assertThat(references).contains("customer_id->customers");
                assertThat(get(studio, "/api/rows?table=customers").get("referencedBy").toString()).contains("orders");

                JsonNode migrations = get(studio, "/api/migrations").get("migrations");
                assertThat(migrations.findValuesAsText("script")).containsExactly("V1__catalog_and_orders.sql", "V2__reviews.sql");
                assertThat(migrations.findValuesAsText("downScript")).containsOnly("true");
                assertThat(get(studio, "/api/drift").get("clean").asBoolean()).isTrue();
            }
        }
    }

    private static JsonNode get(Studio studio, String path) throws Exception {
        return StudioApiTest.get(studio, path, 200, "");
    }
}
