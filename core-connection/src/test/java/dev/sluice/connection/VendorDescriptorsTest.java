package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.internal.VendorDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the descriptors answer for code outside them: URLs assembled from their parts, capabilities, admin SQL. */
class VendorDescriptorsTest {

    @Test
    void theSupportedUrlFormsAreListedFromTheDescriptors() {
        assertThatThrownBy(() -> Vendor.fromUrl("not a url")).hasMessage("Invalid url 'not a url': not a database URL; use a URL "
                + "starting with postgres://, postgresql://, mysql://, mariadb://, sqlite:, file:, jdbc:postgresql:, jdbc:mysql: or "
                + "jdbc:sqlite:, or a SQLite file path ending in .db, .sqlite or .sqlite3");
        assertThatThrownBy(() -> Vendor.fromUrl("jdbc:h2:mem:x")).hasMessageContaining("unsupported JDBC subprotocol 'h2'");
        assertThatThrownBy(() -> Vendor.fromUrl("jdbc:postgresql:a/b")).hasMessageContaining("a JDBC URL needs a host: jdbc:postgresql://host:port/database");
        // a network scheme without '//' is no URL of that vendor
        assertThatThrownBy(() -> Vendor.fromUrl("postgres:db")).hasMessageContaining("not a database URL");
    }

    @Test
    void everyVendorAnswersToItsIdAndItsIdIsAUrlScheme() {
        for (VendorDescriptor d : VendorDescriptor.all()) {
            assertThat(Vendor.fromName(d.vendor().id())).isEqualTo(d.vendor());
            assertThat(d.names().get(0)).isEqualTo(d.vendor().id());
            if (!d.embedded()) {
                // fromParts builds <id>://host/database
                assertThat(d.urlForms()).contains(d.vendor().id() + "://");
            }
        }
    }

    @Test
    void aConfigurationInPartsBecomesAUrlOfItsVendor() {
        assertThat(ConnectionConfig.builder().host("127.0.0.1").database("app").build().jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1/app");
        assertThat(ConnectionConfig.builder().vendor(Vendor.MYSQL).host("::1").port(3307).database("app").build().jdbcUrl())
                .isEqualTo("jdbc:mysql://[::1]:3307/app");
        assertThat(ConnectionConfig.builder().vendor(Vendor.SQLITE).database("data/app.db").build().jdbcUrl())
                .isEqualTo("jdbc:sqlite:data/app.db");
        assertThatThrownBy(() -> ConnectionConfig.builder().vendor(Vendor.SQLITE).build())
                .hasMessage("Missing database: a SQLite file path (or set url: sqlite:app.db)");
        assertThatThrownBy(() -> ConnectionConfig.builder().database("app").build())
                .hasMessageContaining("set a URL (DATABASE_URL, url) or a host (DB_HOST, host) and database");
    }

    @ParameterizedTest
    @CsvSource({
        "sqlite::memory:, true",
        "jdbc:sqlite::memory:, true",
        "sqlite:file::memory:, true",
        "sqlite:file::memory:?cache=shared, true",
        "sqlite:file:memdb1?mode=memory, true",
        "jdbc:sqlite:file:memdb1?cache=shared&mode=memory, true",
        "sqlite:app.db, false",
        "sqlite:memory.db, false",
        "sqlite:file:app.db?mode=rw, false",
        "postgres://127.0.0.1/memory, false",
    })
    void inMemoryDatabasesAreRecognisedInEveryForm(String url, boolean memory) {
        assertThat(ConnectionConfig.fromUrl(url).inMemory()).isEqualTo(memory);
    }

    @Test
    void anInMemoryDatabaseGivenAsAFileUriStillNeedsASingleConnection() {
        assertThatThrownBy(() -> ConnectionConfig.builder().url("sqlite:file:memdb1?mode=memory").pool(p -> p.max(3)).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("pool.max");
    }

    @Test
    void capabilitiesAndAdminSql() {
        assertThat(Vendor.SQLITE.embedded()).isTrue();
        assertThat(Vendor.POSTGRESQL.embedded()).isFalse();
        assertThat(Vendor.POSTGRESQL.maintenanceDatabase()).isEqualTo("postgres");
        assertThat(Vendor.MYSQL.maintenanceDatabase()).isNull();
        assertThat(Vendor.MYSQL.quoteIdentifier("a`b")).isEqualTo("`a``b`");
        assertThat(Vendor.POSTGRESQL.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");

        VendorDescriptor pg = VendorDescriptor.of(Vendor.POSTGRESQL);
        assertThat(pg.dropDatabaseSql("t_1", "15.4")).isEqualTo("DROP DATABASE IF EXISTS \"t_1\" WITH (FORCE)");
        assertThat(pg.dropDatabaseSql("t_1", "12.9")).isEqualTo("DROP DATABASE IF EXISTS \"t_1\"");
        assertThat(pg.listDatabasesSql("sluice_t_")).isEqualTo("SELECT datname FROM pg_database WHERE datname LIKE 'sluice\\_t\\_%'");
        VendorDescriptor my = VendorDescriptor.of(Vendor.MYSQL);
        assertThat(my.listDatabasesSql("sluice_t_")).isEqualTo("SHOW DATABASES LIKE 'sluice\\_t\\_%'");
        assertThatThrownBy(() -> VendorDescriptor.of(Vendor.SQLITE).dropDatabaseSql("x", null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("SQLite has no server");
    }

    @Test
    void aRegistryOfPartsFailsForAMissingOrDoubledVendor() {
        record Part(Vendor vendor) {}
        assertThatThrownBy(() -> PerVendor.of("test part", Part::vendor, List.of(new Part(Vendor.POSTGRESQL), new Part(Vendor.MYSQL))))
                .isInstanceOf(IllegalStateException.class).hasMessage("No test part for SQLite: add a class for it beside the others");
        assertThatThrownBy(() -> PerVendor.of("test part", Part::vendor, List.of(new Part(Vendor.MYSQL), new Part(Vendor.MYSQL))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two test parts for MySQL");
        PerVendor<Part> servers = PerVendor.of("test part", Part::vendor, v -> !v.embedded(),
                List.of(new Part(Vendor.POSTGRESQL), new Part(Vendor.MYSQL)));
        assertThat(servers.get(Vendor.MYSQL).vendor()).isEqualTo(Vendor.MYSQL);
        assertThat(servers.has(Vendor.SQLITE)).isFalse();
        assertThatThrownBy(() -> servers.get(Vendor.SQLITE)).hasMessage("SQLite has no test part");
    }
}
