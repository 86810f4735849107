package dev.sluice.docs;

import static dev.sluice.schema.db.Tables.FORMS;
import static dev.sluice.schema.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.schema.db.tables.records.UsersRecord;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The root README's "Using the library". */
class ReadmeSnippetsTest {

    @Test
    void theConfigIsCheckedWhenBuiltWithoutConnecting() {
        ConnectionConfig config = config();
        assertThat(config.vendor()).isEqualTo(Vendor.POSTGRESQL);
        assertThat(config.pool().max()).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theTourRunsOnEveryVendor(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor)) {
            tour(tdb.config(), UUID.randomUUID());
            try (Database db = Database.connect(tdb.config())) {
                assertThat(Migrations.builder(db).build().currentVersion()).isEqualTo("3");
            }
        }
    }

    static ConnectionConfig config() {
        // tag::config[]
        ConnectionConfig config = ConnectionConfig.builder()
                .url("postgres://app@127.0.0.1:5432/app")          // or ConnectionConfig.fromEnv() / fromYaml(path)
                .password(System.getenv("APP_DB_PASSWORD"))
                .pool(p -> p.max(20))
                .build();                                          // every value checked here; nothing is opened yet
        // end::config[]
        return config;
    }

    static void tour(ConnectionConfig config, UUID orgId) {
        // tag::tour[]
        try (Database db = Database.connect(config)) {               // a pool with health checks, reconnect, metrics
            Migrations.builder(db).build().migrate();                // the built-in schema, for this vendor
            List<UsersRecord> admins = db.dsl().selectFrom(USERS)    // compile-time checked SQL, same code on every vendor
                    .where(USERS.ROLE.eq("admin")).fetch();
            int forms = db.forTenant(orgId).transaction(tx ->        // one tenant's work: on PostgreSQL row-level security
                    tx.fetchCount(FORMS, FORMS.ORGANIZATION_ID.eq(orgId)));  // enforces it, MySQL and SQLite need the filter
        }
        // end::tour[]
    }
}
