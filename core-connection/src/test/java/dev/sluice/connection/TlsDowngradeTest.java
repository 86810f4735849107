package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.internal.VendorDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS is decided in one place: a URL's {@code sslmode} (PostgreSQL) or {@code sslMode} (MySQL), or a driver property,
 * can no longer override an explicit {@code ssl} configuration (the drivers let URL parameters win); a conflict is an
 * error naming both, and without an explicit configuration the URL's parameters become the ssl settings.
 */
class TlsDowngradeTest {
    @TempDir
    static Path dir;

    static Path pem() throws Exception {
        Path p = dir.resolve("root.pem");
        if (!Files.exists(p)) {
            Files.writeString(p, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }
        return p;
    }

    static Properties driverProperties(ConnectionConfig c) {
        return VendorDescriptor.of(c.vendor()).driverProperties(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "require", "verify-ca", "prefer", "allow"})
    void aPostgresUrlCannotDowngradeAnExplicitVerifyFull(String urlMode) throws Exception {
        SslSettings verifyFull = new SslSettings(SslMode.VERIFY_FULL, pem());
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://app@db.example.test/shop?sslmode=" + urlMode).ssl(verifyFull).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sslmode=" + urlMode)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("TLS is configured twice", "fall back to an unencrypted"));
    }

    @Test
    void theSameModeTwiceIsAccepted() throws Exception {
        SslSettings verifyFull = new SslSettings(SslMode.VERIFY_FULL, pem());
        ConnectionConfig c = ConnectionConfig.builder().url("postgres://app@db.example.test/shop?sslmode=verify-full").ssl(verifyFull).build();
        assertThat(c.ssl()).isEqualTo(verifyFull);
        assertThat(c.jdbcUrl()).doesNotContain("sslmode");
        assertThat(driverProperties(c).getProperty("sslmode")).isEqualTo("verify-full");
    }

    @Test
    void aDriverPropertyCannotDowngradeItEither() throws Exception {
        SslSettings verifyFull = new SslSettings(SslMode.VERIFY_FULL, pem());
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://app@db.example.test/shop").ssl(verifyFull)
                .driverProperty("sslmode", "disable").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("driver-properties").hasMessageContaining("sslmode=disable");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://app@db.example.test/shop")
                .driverProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("sslfactory would change how the server is checked");
    }

    @Test
    void fromTheEnvironmentTooTheConflictIsAnErrorNamingTheSource() {
        assertThatThrownBy(() -> ConnectionConfig.fromEnv(java.util.Map.of("DATABASE_URL", "postgres://db.example.test/shop?sslmode=disable",
                "DB_SSL_MODE", "require")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sslmode=disable in url").hasMessageContaining("ssl.mode is require")
                .hasMessageContaining("(from the environment)");
    }

    @Test
    void withoutAnExplicitConfigurationTheUrlDecides() throws Exception {
        ConnectionConfig c = ConnectionConfig.fromUrl("postgres://app@db.example.test/shop?sslmode=require");
        assertThat(c.ssl().mode()).isEqualTo(SslMode.REQUIRE);
        assertThat(driverProperties(c).getProperty("sslmode")).isEqualTo("require");
        assertThat(c.toString()).contains("ssl=require");
        ConnectionConfig v = ConnectionConfig.fromUrl("postgres://app@db.example.test/shop?sslmode=verify-full&sslrootcert=" + pem());
        assertThat(v.ssl()).isEqualTo(new SslSettings(SslMode.VERIFY_FULL, pem()));
        assertThatThrownBy(() -> ConnectionConfig.fromUrl("postgres://app@db.example.test/shop?sslmode=verify-full"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("root certificate");
    }

    @Test
    void mysqlSslModeAndItsOlderSpellings() throws Exception {
        SslSettings verifyCa = new SslSettings(SslMode.VERIFY_CA, pem());
        for (String param : new String[] {"sslMode=DISABLED", "sslMode=REQUIRED", "useSSL=false", "sslMode=PREFERRED"}) {
            assertThatThrownBy(() -> ConnectionConfig.builder().url("mysql://app@db.example.test/shop?" + param).ssl(verifyCa).build())
                    .as(param).isInstanceOf(ConfigException.class).hasMessageContaining(param);
        }
        assertThat(ConnectionConfig.fromUrl("mysql://app@db.example.test/shop?useSSL=false").ssl().mode()).isEqualTo(SslMode.DISABLE);
        assertThat(ConnectionConfig.fromUrl("mysql://app@db.example.test/shop?sslMode=REQUIRED").ssl().mode()).isEqualTo(SslMode.REQUIRE);
        ConnectionConfig c = ConnectionConfig.builder().url("mysql://app@db.example.test/shop?sslMode=VERIFY_CA").ssl(verifyCa).build();
        assertThat(c.jdbcUrl()).doesNotContain("sslMode");
        assertThatThrownBy(() -> ConnectionConfig.fromUrl("mysql://app@db.example.test/shop?trustCertificateKeyStoreUrl=file:/x.jks"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("trustCertificateKeyStoreUrl");
    }
}
