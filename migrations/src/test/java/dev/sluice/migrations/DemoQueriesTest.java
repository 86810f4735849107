package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoQueries;
import dev.sluice.schema.DemoSeed;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's typed queries give the same answers on every vendor, tenant by tenant. */
class DemoQueriesTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eachTenantSeesItsOrganizationAndItsNewestEvents(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Migrations.builder(db).build().migrate();
            Seeds.load(db, new DemoSeed(), (t, d, n) -> { });
            UUID acme = DemoSeed.tenants().get(0);
            UUID globex = DemoSeed.tenants().get(1);

            DemoQueries.Organization a = db.forTenant(acme).transaction(tx -> DemoQueries.organization(tx, acme)).orElseThrow();
            assertThat(a).isEqualTo(new DemoQueries.Organization("acme", "Acme Corporation", 3, 2, 3));
            List<DemoQueries.Event> events = db.forTenant(globex).transaction(tx -> DemoQueries.latestEvents(tx, globex, 3));
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.organization()).isEqualTo("globex"))
                    .isSortedAccordingTo(Comparator.comparing(DemoQueries.Event::occurredAt).reversed());
        }
    }
}
