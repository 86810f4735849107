package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts PEM root certificates into PKCS#12 trust stores for drivers that only read Java key stores (Connector/J).
 * Each PEM file is converted once per process into an owner-only temporary file that is deleted at exit.
 */
final class TrustStores {
    /** A converted trust store: its {@code file:} URL and the random password protecting it. */
    record Store(String url, String password) {
        @Override
        public String toString() {
            return "Store[" + url + "]";
        }
    }

    private static final Map<Path, Store> CACHE = new ConcurrentHashMap<>();

    private TrustStores() {}

    static Store fromPem(Path pem) {
        return CACHE.computeIfAbsent(pem.toAbsolutePath().normalize(), TrustStores::convert);
    }

    private static Store convert(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("ssl.root-cert", pem, "a PEM file of X.509 certificates (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new ConfigException("ssl.root-cert", pem, "a PEM file with at least one certificate");
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("root-" + i++, c);
            }
            Path file = Files.createTempFile("sluice-truststore-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return new Store(file.toUri().toString(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write a temporary trust store for " + pem + ": " + e.getMessage(), e);
        }
    }
}
