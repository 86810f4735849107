package dev.sluice.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import org.junit.jupiter.api.Test;

class ThrowawaySourceTest {
    @Test
    void namesAsConfigured() {
        assertThat(ThrowawaySource.parse(null)).isEqualTo(ThrowawaySource.AUTO);
        assertThat(ThrowawaySource.parse(" Postgres-Instance ")).isEqualTo(ThrowawaySource.POSTGRES_INSTANCE);
        assertThatThrownBy(() -> ThrowawaySource.parse("docker")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("codegenDatabase").hasMessageContaining("'docker'").hasMessageContaining("postgres-instance");
    }

    @Test
    void sourcesThatCannotServeTheVendorSaySoBeforeStartingAnything() {
        assertThatThrownBy(() -> ThrowawaySource.SERVER.provider(Vendor.POSTGRESQL, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("codegenUrl");
        assertThatThrownBy(() -> ThrowawaySource.POSTGRES_INSTANCE.provider(Vendor.MYSQL, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> ThrowawaySource.CONTAINER.provider(Vendor.SQLITE, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SQLite");
        assertThat(ThrowawaySource.AUTO.provider(Vendor.SQLITE, null)).isNotNull();
        // MySQL without any server and without Testcontainers (not among this module's dependencies)
        assertThatThrownBy(() -> ThrowawaySource.AUTO.provider(Vendor.MYSQL, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<codegenUrl>").hasMessageContaining("testcontainers-mysql");
    }
}
