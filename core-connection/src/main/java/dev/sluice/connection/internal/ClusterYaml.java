package dev.sluice.connection.internal;

import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Durations;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeRole;
import dev.sluice.connection.ReadStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a cluster's YAML (see {@link ClusterConfig}): the cluster's own keys, the defaults every node starts from, and
 * the nodes. Each node's connection keys are bound by {@link ConfigBinder}, the same code that reads a single
 * database's file, so a value is checked by the settings that own it and every error names the file, the line and the
 * field ({@code cluster.yaml line 12: nodes[1].pool.max}).
 */
public final class ClusterYaml {
    /** The cluster's own top-level keys. */
    private static final Set<String> CLUSTER_KEYS = Set.of("name", "nodes", "read-strategy", "max-replica-lag");
    /** Keys only a node has. */
    private static final Set<String> NODE_ONLY = Set.of("id", "role", "tags");
    /** The key for the database role sessions switch to, which is {@code role} in a single database's file. */
    private static final String DB_ROLE = "db-role";
    /** Keys that name a node's database; given in a node, they replace the defaults' (and a URL replaces all of them). */
    private static final Set<String> TARGET = Set.of("url", "host", "port", "database", "vendor");

    private ClusterYaml() {}

    /**
     * Reads the document.
     *
     * @throws ConfigException naming the file, line and field of the first problem
     */
    public static ClusterConfig.Builder read(Yaml.Value document) {
        Yaml.Mapping root = Yaml.documentMapping(document);
        String source = root.source();
        ClusterConfig.Builder cluster = ClusterConfig.builder().source(source);
        Map<String, ConfigBinder.Sourced> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, Yaml.Value> e : root.flatten().entrySet()) {
            String key = e.getKey();
            Yaml.Value v = e.getValue();
            if (key.equals("nodes")) {
                continue;
            }
            try {
                switch (key) {
                    case "name" -> cluster.name(ConfigBinder.scalar(key, v));
                    case "read-strategy" -> cluster.readStrategy(ReadStrategy.parse(key, ConfigBinder.scalar(key, v)));
                    case "max-replica-lag" -> cluster.maxReplicaLag(Durations.parse(key, ConfigBinder.scalar(key, v)));
                    default -> {
                        checkDefaultKey(key, v);
                        defaults.put(key.equals(DB_ROLE) ? "role" : key, new ConfigBinder.Sourced(ConfigBinder.scalar(key, v), v.origin()));
                    }
                }
            } catch (ConfigException ex) {
                throw ex.withSource(v.origin());
            }
        }
        Yaml.Value nodes = root.get("nodes").orElseThrow(() -> new ConfigException("nodes", null,
                "a list of nodes, each with an id, a url (or host, port and database) and a role", source));
        if (!(nodes instanceof Yaml.Sequence list) || list.items().isEmpty()) {
            throw new ConfigException("nodes", nodes.kind(), "a non-empty list of nodes, each with an id, a url (or host, port and "
                    + "database) and a role", nodes.origin());
        }
        String clusterName = root.get("name").map(v -> ConfigBinder.scalar("name", v)).orElse(null);
        Map<String, Yaml.Value> seen = new LinkedHashMap<>();
        for (Yaml.Value item : list.items()) {
            cluster.node(node(item, defaults, clusterName, seen));
        }
        return cluster;
    }

    private static void checkDefaultKey(String key, Yaml.Value v) {
        if (NODE_ONLY.contains(key)) {
            throw ConfigException.of(key, "Invalid " + key + " (from " + v.origin() + "): " + key + " belongs to each node, under nodes"
                    + (key.equals("role") ? "; the database role every session switches to is " + DB_ROLE : ""));
        }
        if (key.equals("url")) {
            throw ConfigException.of(key, "Invalid url (from " + v.origin() + "): each node gives its own url, under nodes");
        }
        checkConnectionKey(key, v);
    }

    private static void checkConnectionKey(String key, Yaml.Value v) {
        if (key.equals("startup")) {
            throw ConfigException.of(key, "Invalid startup (from " + v.origin() + "): in a cluster a node's start follows required: "
                    + "true fails initialize() when the node cannot be reached, false (the default) starts it in the background");
        }
        if (key.equals("role")) {
            throw ConfigException.of(key, "Invalid role (from " + v.origin() + "): in a cluster file role is a node's role; "
                    + "the database role every session switches to is " + DB_ROLE);
        }
        if (!key.equals(DB_ROLE) && !key.equals("required") && !ConfigBinder.keys().contains(key)) {
            Set<String> known = new TreeSet<>(ConfigBinder.keys());
            known.removeAll(Set.of("role", "startup"));
            known.addAll(NODE_ONLY);
            known.addAll(CLUSTER_KEYS);
            known.add(DB_ROLE);
            known.add("required");
            throw ConfigException.of(key, "Unknown key " + key + " (from " + v.origin() + "); known keys: " + String.join(", ", known));
        }
    }

    private static NodeConfig node(Yaml.Value item, Map<String, ConfigBinder.Sourced> defaults, String clusterName,
            Map<String, Yaml.Value> seen) {
        if (!(item instanceof Yaml.Mapping node)) {
            throw new ConfigException("nodes", item.kind(), "each node is a mapping (id: ..., url: ..., role: ...)", item.origin());
        }
        Yaml.Value idValue = node.get("id").orElseThrow(() -> new ConfigException(node.path() + ".id", null,
                "an id for the node (letters, digits, '_', '.', ':' or '-')", node.origin()));
        String id = ConfigBinder.scalar(idValue.path(), idValue);
        Yaml.Value first = seen.putIfAbsent(id == null ? "" : id, idValue);
        if (first != null) {
            throw new ConfigException(idValue.path(), id, "an id no other node has; " + first.path() + " at line " + first.line()
                    + " already is '" + id + "'", idValue.origin());
        }
        NodeConfig.Builder b;
        try {
            b = NodeConfig.builder(id);
        } catch (ConfigException e) {
            throw e.withSource(idValue.origin());
        }
        Map<String, ConfigBinder.Sourced> values = new LinkedHashMap<>(defaults);
        Map<String, Yaml.Value> own = node.flatten();
        if (own.containsKey("url")) {
            values.keySet().removeAll(TARGET);
        }
        values.put("name", new ConfigBinder.Sourced(clusterName == null ? id : clusterName + "-" + id, idValue.origin()));
        for (Map.Entry<String, Yaml.Value> e : own.entrySet()) {
            String key = e.getKey();
            Yaml.Value v = e.getValue();
            try {
                switch (key) {
                    case "id" -> { }
                    case "role" -> b.role(NodeRole.parse(key, ConfigBinder.scalar(key, v)));
                    case "tags" -> b.tags(tags(v).toArray(String[]::new));
                    default -> {
                        checkConnectionKey(key, v);
                        values.put(key.equals(DB_ROLE) ? "role" : key, new ConfigBinder.Sourced(ConfigBinder.scalar(key, v), v.origin()));
                    }
                }
            } catch (ConfigException ex) {
                throw ex.withSource(v.origin());
            }
        }
        ConfigBinder.Sourced required = values.remove("required");
        if (required != null) {
            try {
                b.required(ConfigBinder.bool("required", required.value() == null ? "" : required.value()));
            } catch (ConfigException ex) {
                throw ex.withSource(required.origin());
            }
        }
        dropDefaultsTheUrlGives(values, own);
        ConnectionConfig connection;
        try {
            connection = ConfigBinder.bind(values, null).build();
        } catch (ConfigException e) {
            // a combination of values failed (health.timeout longer than health.interval): name the line of the value
            // the message is about, which may be a default at the top of the file
            ConfigBinder.Sourced culprit = e.property() == null ? null : values.get(e.property());
            throw culprit != null && e.allowed() != null
                    ? new ConfigException(e.property(), e.value(), e.allowed(), culprit.origin())
                    : e.withSource(node.origin());
        }
        return b.connection(connection).build();
    }

    /** A node URL with credentials replaces the default user and password (they would conflict with it otherwise). */
    private static void dropDefaultsTheUrlGives(Map<String, ConfigBinder.Sourced> values, Map<String, Yaml.Value> own) {
        Yaml.Value url = own.get("url");
        if (url instanceof Yaml.Scalar s && s.text() != null) {
            DatabaseUrl parsed;
            try {
                parsed = DatabaseUrl.parse(s.text(), "url");
            } catch (ConfigException e) {
                throw e.withSource(url.origin());
            }
            if (parsed.user() != null && !own.containsKey("user")) {
                values.remove("user");
            }
            if (parsed.password() != null && !own.containsKey("password")) {
                values.remove("password");
            }
        }
    }

    private static List<String> tags(Yaml.Value v) {
        List<String> tags = new ArrayList<>();
        if (v instanceof Yaml.Sequence s) {
            for (Yaml.Value t : s.items()) {
                tags.add(ConfigBinder.scalar(t.path(), t));
            }
        } else {
            String text = ConfigBinder.scalar("tags", v);
            for (String t : (text == null ? "" : text).split(",")) {
                tags.add(t.trim());
            }
        }
        return tags;
    }
}
