package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.SslSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS is decided in one place. Drivers let URL parameters override their properties, so an {@code sslmode} in the URL
 * (or in driver-properties) could silently downgrade a configured {@code ssl: verify-full}. Such parameters are
 * therefore read here: with an explicit ssl configuration they must ask for the same thing or the configuration is
 * rejected; without one they are the TLS settings. The vendor descriptor says which parameters decide TLS and what
 * they ask for.
 */
public final class TlsParameters {
    private TlsParameters() {}

    /**
     * The TLS settings of a configuration.
     *
     * @param parsed the parsed URL, with its TLS parameters set apart
     * @param descriptor the vendor
     * @param driverProperties the driver properties given explicitly
     * @param ssl the ssl settings of the configuration
     * @param sslExplicit whether they were given (else they are the default)
     * @param urlProperty where the URL came from, for messages
     * @throws ConfigException on a conflict or a parameter Sluice does not accept
     */
    public static SslSettings resolve(DatabaseUrl parsed, VendorDescriptor descriptor, Map<String, String> driverProperties,
            SslSettings ssl, boolean sslExplicit, String urlProperty) {
        Map<String, String> asked = new LinkedHashMap<>(parsed.tlsParams());
        String where = urlProperty;
        for (Map.Entry<String, String> e : driverProperties.entrySet()) {
            if (descriptor.tlsParameters().contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                asked.put(e.getKey(), e.getValue());
                where = parsed.tlsParams().isEmpty() ? "driver-properties" : urlProperty + " and driver-properties";
            }
        }
        if (asked.isEmpty()) {
            return ssl;
        }
        VendorDescriptor.UrlTls tls = descriptor.tls(asked, where);
        StringBuilder given = new StringBuilder();
        asked.forEach((k, v) -> given.append(given.isEmpty() ? "" : "&").append(k).append('=').append(v));
        if (sslExplicit) {
            boolean sameRoot = tls.rootCertificate() == null || tls.rootCertificate().equals(ssl.rootCertificate());
            if (tls.mode() != ssl.mode() || !sameRoot) {
                throw ConfigException.of("ssl.mode", "TLS is configured twice: ssl.mode is " + ssl.mode().id() + ", but " + given
                        + " in " + where + " asks for " + tls.mode().id() + (sameRoot ? "" : " with another root certificate")
                        + ", and the driver would let it win. Set TLS in one place: remove it from " + where
                        + " or remove ssl.mode from the configuration");
            }
            return ssl;
        }
        try {
            return new SslSettings(tls.mode(), tls.rootCertificate());
        } catch (ConfigException e) {
            throw ConfigException.of("ssl.mode", given + " in " + where + ": " + e.getMessage());
        }
    }

    /**
     * The properties a driver gets: the URL's secret parameters and the given driver properties, without TLS
     * parameters, which {@link #resolve} turned into the ssl settings and which must never reach the driver as such.
     */
    public static Map<String, String> driverProperties(DatabaseUrl url, VendorDescriptor descriptor, Map<String, String> given) {
        Map<String, String> props = new LinkedHashMap<>(url.secretParams());
        given.forEach((k, v) -> {
            if (!descriptor.tlsParameters().contains(k.toLowerCase(java.util.Locale.ROOT))) {
                props.put(k, v);
            }
        });
        return Map.copyOf(props);
    }
}
