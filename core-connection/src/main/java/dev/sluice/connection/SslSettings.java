package dev.sluice.connection;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS settings of a network connection. Immutable; checked when constructed or built.
 *
 * @param mode how TLS is used ({@code ssl.mode})
 * @param rootCertificate the PEM file with the root certificate(s) that sign the server certificate
 *     ({@code ssl.root-cert}); required by {@link SslMode#VERIFY_CA} and {@link SslMode#VERIFY_FULL}, ignored otherwise
 *     (may be {@code null})
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
            if (!Files.isReadable(rootCertificate)) {
                throw new ConfigException("ssl.root-cert", rootCertificate, "must be a readable PEM file");
            }
        }
    }

    /** TLS in the given mode without a root certificate ({@link SslMode#DISABLE} or {@link SslMode#REQUIRE}). */
    public static SslSettings of(SslMode mode) {
        return new SslSettings(mode, null);
    }

    /** A builder with nothing set: it builds {@link #DISABLED} unless a mode is given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings, which count as given. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.rootCertificate = rootCertificate;
        return b;
    }

    /** Builds {@link SslSettings} from the values given; remembers whether any was. */
    public static final class Builder {
        private SslMode mode;
        private Path rootCertificate;

        private Builder() {}

        /** How TLS is used. */
        public Builder mode(SslMode mode) {
            if (mode == null) {
                throw new ConfigException("ssl.mode", null, "one of disable, require, verify-ca, verify-full");
            }
            this.mode = mode;
            return this;
        }

        /** The PEM file of the root certificate(s), for {@code verify-ca} and {@code verify-full}. */
        public Builder rootCertificate(Path file) {
            this.rootCertificate = file;
            return this;
        }

        /** Whether TLS was configured here at all (a mode given), as opposed to left to the URL or the default. */
        public boolean isSet() {
            return mode != null;
        }

        /** The settings; {@link #DISABLED} when no mode was given. A root certificate without a mode is rejected. */
        public SslSettings build() {
            if (mode == null) {
                if (rootCertificate != null) {
                    throw ConfigException.of("ssl.mode", "ssl.root-cert is set but ssl.mode is not; "
                            + "set ssl.mode to verify-ca or verify-full to check the server certificate against it");
                }
                return DISABLED;
            }
            return new SslSettings(mode, rootCertificate);
        }
    }
}
