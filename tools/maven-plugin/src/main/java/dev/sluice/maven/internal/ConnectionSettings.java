package dev.sluice.maven.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConfigSources;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import java.util.Map;

/**
 * Where the plugin's database comes from, by the library's rule ({@link ConfigSources}): {@code -Dsluice.url=...} on the
 * command line, then the environment ({@code DATABASE_URL} and friends, read as the library reads them), then
 * {@code <url>} in the pom. {@code <user>} and {@code <password>}, or the server {@code <serverId>} of settings.xml, add
 * credentials to a URL from the pom or the command line. {@code <vendor>} says which vendor when
 * there is no URL at all (enough for {@code generate} on SQLite or a private server) and must agree with the URL when
 * both are given.
 *
 * @param url the URL from the pom ({@code <url>}), or {@code null}
 * @param commandLineUrl {@code -Dsluice.url}, or {@code null}
 * @param user {@code <user>} or the server's username, or {@code null}
 * @param password {@code <password>} or the server's password, or {@code null}
 * @param vendor {@code <vendor>}, or {@code null}
 * @param environment the process environment
 */
public record ConnectionSettings(String url, String commandLineUrl, String user, String password, String vendor,
        Map<String, String> environment) {

    /** The name of the environment variable that overrides the pom's URL. */
    public static final String ENV_URL = "DATABASE_URL";

    /** Copies the environment. */
    public ConnectionSettings {
        environment = Map.copyOf(environment);
    }

    /** Whether a database URL is given anywhere. */
    public boolean hasUrl() {
        return sources().isGiven();
    }

    /** Where the URL comes from: {@code -Dsluice.url}, {@code DATABASE_URL}, {@code <url>}, or {@code null}. */
    public String source() {
        return sources().origin();
    }

    /**
     * The configuration as a builder, so a goal can name its pool.
     *
     * @throws ConfigException when no URL is given, or a value is wrong (the message names it; no password)
     */
    public ConnectionConfig.Builder builder() {
        return sources().resolve();
    }

    /** The plugin's sources, in the library's order (see {@link ConfigSources}): the command line, the environment, the pom. */
    private ConfigSources sources() {
        return ConfigSources.of(environment).url(commandLineUrl, "-Dsluice.url").fallbackUrl(url, "<url>").credentials(user, password)
                .whenMissing("url", "the database: <url> in the plugin's configuration, -Dsluice.url=URL, or the " + ENV_URL
                        + " environment variable (postgres://..., mysql://..., mariadb://..., sqlite:FILE)");
    }

    /**
     * The vendor: the URL's when there is one (checked against {@code <vendor>} when both are given), else
     * {@code <vendor>}.
     *
     * @throws ConfigException when neither is given, or they disagree
     */
    public Vendor resolveVendor() {
        Vendor named = blank(vendor) ? null : Vendor.fromName(vendor);
        if (!hasUrl()) {
            if (named == null) {
                throw new ConfigException("vendor", null, "postgresql, mysql or sqlite in <vendor>, or a database URL in "
                        + "<url>, -Dsluice.url or " + ENV_URL);
            }
            return named;
        }
        Vendor fromUrl = builder().build().vendor();
        if (named != null && named != fromUrl) {
            throw new ConfigException("vendor", vendor, fromUrl.id() + ", the vendor of the URL from " + source()
                    + ", or remove <vendor>");
        }
        return fromUrl;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
