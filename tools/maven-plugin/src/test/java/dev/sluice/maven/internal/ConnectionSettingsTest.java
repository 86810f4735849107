package dev.sluice.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {
    private static final String POM = "postgres://app@127.0.0.1:5432/pom";

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverThePom() {
        Map<String, String> env = Map.of("DATABASE_URL", "mariadb://root@127.0.0.1:3306/env");
        ConnectionSettings all = new ConnectionSettings(POM, "sqlite:cli.db", null, null, null, env);
        assertThat(all.source()).isEqualTo("-Dsluice.url");
        assertThat(all.builder().build().vendor()).isEqualTo(Vendor.SQLITE);

        ConnectionSettings envAndPom = new ConnectionSettings(POM, null, null, null, null, env);
        assertThat(envAndPom.source()).isEqualTo("DATABASE_URL");
        assertThat(envAndPom.builder().build().database()).isEqualTo("env");

        ConnectionSettings pom = new ConnectionSettings(POM, null, null, null, null, Map.of("DATABASE_URL", "  "));
        assertThat(pom.source()).isEqualTo("<url>");
        assertThat(pom.builder().build().database()).isEqualTo("pom");
    }

    @Test
    void userAndPasswordFromThePomOrSettingsApplyToTheUrl() {
        ConnectionConfig c = new ConnectionSettings("postgres://127.0.0.1:5432/app", null, "owner", "s3cret!", null, Map.of()).builder().build();
        assertThat(c.user()).isEqualTo("owner");
        assertThat(c.password()).isEqualTo("s3cret!");
        assertThat(c.toString()).doesNotContain("s3cret!");
    }

    @Test
    void withoutAnyUrlTheErrorNamesEveryWayToGiveOne() {
        ConnectionSettings none = new ConnectionSettings(null, null, null, null, null, Map.of());
        assertThat(none.hasUrl()).isFalse();
        assertThatThrownBy(none::builder).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<url>").hasMessageContaining("-Dsluice.url").hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(none::resolveVendor).isInstanceOf(ConfigException.class).hasMessageContaining("<vendor>");
    }

    @Test
    void theVendorComesFromTheUrlOrVendorAndTheyMustAgree() {
        assertThat(new ConnectionSettings(null, null, null, null, "mariadb", Map.of()).resolveVendor()).isEqualTo(Vendor.MYSQL);
        assertThat(new ConnectionSettings(POM, null, null, null, null, Map.of()).resolveVendor()).isEqualTo(Vendor.POSTGRESQL);
        assertThatThrownBy(() -> new ConnectionSettings(POM, null, null, null, "sqlite", Map.of()).resolveVendor())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sqlite'").hasMessageContaining("postgresql");
    }
}
