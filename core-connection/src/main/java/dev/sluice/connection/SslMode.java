package dev.sluice.connection;

import java.util.Locale;

/**
 * How a network connection uses TLS. Each vendor maps it to its driver's own properties (pgjdbc {@code sslmode},
 * Connector/J {@code sslMode}); SQLite has no network and accepts only {@link #DISABLE}.
 */
public enum SslMode {
    /** No TLS. */
    DISABLE("disable"),
    /** TLS required; the server certificate is not checked. */
    REQUIRE("require"),
    /** TLS required; the server certificate must be signed by the configured root certificate. */
    VERIFY_CA("verify-ca"),
    /** As {@link #VERIFY_CA}, and the certificate must also name the host connected to. */
    VERIFY_FULL("verify-full");

    private final String id;

    SslMode(String id) {
        this.id = id;
    }

    /** The name used in configuration: {@code disable}, {@code require}, {@code verify-ca}, {@code verify-full}. */
    public String id() {
        return id;
    }

    /** Whether the server certificate is checked against a root certificate. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /**
     * Parses a configuration value; accepts the names above in any case, with {@code _} for {@code -}.
     *
     * @param property the property name for the message
     * @throws ConfigException for any other value
     */
    public static SslMode parse(String property, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SslMode m : values()) {
            if (m.id.equals(v)) {
                return m;
            }
        }
        throw new ConfigException(property, value, "one of disable, require, verify-ca, verify-full");
    }
}
