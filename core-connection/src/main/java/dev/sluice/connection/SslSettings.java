package dev.sluice.connection;

import java.nio.file.Path;

/**
 * TLS settings of a network connection.
 *
 * @param mode how TLS is used
 * @param rootCertificate the PEM file with the root certificate(s) that sign the server certificate; required by
 *     {@link SslMode#VERIFY_CA} and {@link SslMode#VERIFY_FULL}, ignored otherwise (may be {@code null})
 */
public record SslSettings(SslMode mode, Path rootCertificate) {
    /** No TLS. */
    public static final SslSettings DISABLED = new SslSettings(SslMode.DISABLE, null);

    /** Checks that a verifying mode has a readable root certificate. */
    public SslSettings {
        if (mode == null) {
            throw new ConfigException("ssl.mode", null, "one of disable, require, verify-ca, verify-full");
        }
        if (mode.verifiesCertificate()) {
            if (rootCertificate == null) {
                throw new ConfigException("ssl.root-cert", null,
                        "ssl.mode " + mode.id() + " checks the server certificate, so a root certificate file (PEM) is required");
            }
            if (!java.nio.file.Files.isReadable(rootCertificate)) {
                throw new ConfigException("ssl.root-cert", rootCertificate, "must be a readable PEM file");
            }
        }
    }

    /** TLS in the given mode without a root certificate ({@link SslMode#DISABLE} or {@link SslMode#REQUIRE}). */
    public static SslSettings of(SslMode mode) {
        return new SslSettings(mode, null);
    }
}
