package dev.sluice.connection;

import java.util.Locale;

/** What a node of a {@link Cluster} is for: where writes go, where reads may go, or neither in particular. */
public enum NodeRole {
    /** Takes writes; {@link Cluster#primary()} returns it, and {@link Cluster#reader()} falls back to it. */
    PRIMARY,
    /** A read-only copy of the primary; {@link Cluster#reader()} picks among the healthy ones. */
    REPLICA,
    /**
     * A node in its own right (a shard, a regional database, a multi-primary member): part of fan-outs, and picked by
     * {@link Cluster#reader()} only in a cluster without a primary. Its actual role is not checked.
     */
    PEER;

    /** The name used in configuration: {@code primary}, {@code replica}, {@code peer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code value} (case-insensitive).
     *
     * @param property the configuration property, named in the error
     * @throws ConfigException naming the allowed roles
     */
    public static NodeRole parse(String property, String value) {
        for (NodeRole r : values()) {
            if (r.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return r;
            }
        }
        throw new ConfigException(property, value, "one of primary, replica, peer");
    }
}
