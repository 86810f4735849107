package dev.sluice.connection;

import java.util.Locale;

/** How {@link Cluster#reader()} picks among the healthy replicas that are not lagging too far behind. */
public enum ReadStrategy {
    /** Each in turn. */
    ROUND_ROBIN,
    /** The one whose recent health checks answered fastest (the median round trip of the recent window). */
    LEAST_LATENCY;

    /** The name used in configuration: {@code round-robin}, {@code least-latency}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The strategy named {@code value}.
     *
     * @throws ConfigException naming the allowed strategies
     */
    public static ReadStrategy parse(String property, String value) {
        for (ReadStrategy s : values()) {
            if (s.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new ConfigException(property, value, "one of round-robin, least-latency");
    }
}
