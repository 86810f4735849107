package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.SslSettings;
import dev.sluice.connection.Vendor;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each vendor's driver gets its own TLS properties. (PostgreSQL's are exercised for real in SslIT.) */
class SslMappingTest {

    static Path pemCertificate(Path dir) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        run(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Test CA",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ks.toString(), "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void postgresGetsSslmodeAndRootCert(@TempDir Path dir) throws Exception {
        Path pem = pemCertificate(dir);
        ConnectionConfig c = ConnectionConfig.builder().url("postgres://127.0.0.1/x").ssl(new SslSettings(SslMode.VERIFY_FULL, pem)).build();
        Properties p = VendorDescriptor.of(Vendor.POSTGRESQL).driverProperties(c);
        assertThat(p.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(p.getProperty("sslrootcert")).isEqualTo(pem.toAbsolutePath().toString());
        assertThat(VendorDescriptor.of(Vendor.POSTGRESQL).driverProperties(ConnectionConfig.fromUrl("postgres://h/x"))
                .getProperty("sslmode")).isEqualTo("disable");
    }

    @Test
    void mysqlGetsSslModeAndAPkcs12TrustStoreMadeFromThePem(@TempDir Path dir) throws Exception {
        Path pem = pemCertificate(dir);
        VendorDescriptor my = VendorDescriptor.of(Vendor.MYSQL);
        assertThat(my.driverProperties(ConnectionConfig.builder().url("mysql://h/x").ssl(SslMode.REQUIRE).build())
                .getProperty("sslMode")).isEqualTo("REQUIRED");
        assertThat(my.driverProperties(ConnectionConfig.builder().url("mysql://h/x").ssl(new SslSettings(SslMode.VERIFY_CA, pem)).build())
                .getProperty("sslMode")).isEqualTo("VERIFY_CA");
        Properties p = my.driverProperties(ConnectionConfig.builder().url("mysql://h/x").ssl(new SslSettings(SslMode.VERIFY_FULL, pem)).build());
        assertThat(p.getProperty("sslMode")).isEqualTo("VERIFY_IDENTITY");
        assertThat(p.getProperty("trustCertificateKeyStoreType")).isEqualTo("PKCS12");
        assertThat(p.getProperty("fallbackToSystemTrustStore")).isEqualTo("false");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(Path.of(java.net.URI.create(p.getProperty("trustCertificateKeyStoreUrl"))).toFile())) {
            ks.load(in, p.getProperty("trustCertificateKeyStorePassword").toCharArray());
        }
        assertThat(ks.size()).isEqualTo(1);
        assertThat(ks.isCertificateEntry(ks.aliases().nextElement())).isTrue();
        assertThat(my.driverProperties(ConnectionConfig.fromUrl("mysql://h/x")).getProperty("sslMode")).isEqualTo("DISABLED");
    }
}
