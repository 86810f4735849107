package dev.sluice.monitoring.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.NodeHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of each watched node, tagged {@code pool} and {@code node}: {@code sluice.health.up} (1 healthy, 0 not),
 * {@code sluice.health.last.latency} (seconds; NaN before a successful check), {@code sluice.health.consecutive.failures},
 * and, when a history table exists, {@code sluice.migration.version} (value 1, the version in its {@code version} tag).
 * The pool's own meters (connections, acquire and usage timers, timeouts) come from core-connection when the pool was
 * configured with the same registry. {@link #sync} follows a cluster's nodes as they are added or removed.
 */
public final class NodeMeters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMeters.class);

    private final MeterRegistry registry;
    private final Function<ConnectionManager, String> migrationVersion;
    private final Duration migrationRefresh;
    private final Map<String, List<Meter>> meters = new HashMap<>();
    private final Map<String, Meter> versions = new HashMap<>();
    private final Map<String, Long> versionRead = new HashMap<>();

    /**
     * @param registry where the meters go
     * @param migrationVersion reads a node's schema version ({@code null} when it has no history table), or
     *     {@code null} for no migration meter
     * @param migrationRefresh how long a version read is kept before it is read again
     */
    public NodeMeters(MeterRegistry registry, Function<ConnectionManager, String> migrationVersion, Duration migrationRefresh) {
        this.registry = registry;
        this.migrationVersion = migrationVersion;
        this.migrationRefresh = migrationRefresh;
    }

    /** Registers the meters of nodes not seen yet, removes those of nodes gone, and reads stale migration versions. */
    public synchronized void sync(List<MonitoredNode> nodes) {
        Set<String> present = new HashSet<>();
        for (MonitoredNode n : nodes) {
            present.add(n.id());
            meters.computeIfAbsent(n.id(), id -> register(n));
            if (migrationVersion != null) {
                refreshVersion(n);
            }
        }
        for (String gone : new ArrayList<>(meters.keySet())) {
            if (!present.contains(gone)) {
                meters.remove(gone).forEach(registry::remove);
                Meter v = versions.remove(gone);
                if (v != null) {
                    registry.remove(v);
                }
                versionRead.remove(gone);
            }
        }
    }

    private List<Meter> register(MonitoredNode n) {
        Tags tags = Tags.of("pool", n.pool(), "node", n.id(), "required", Boolean.toString(n.required()));
        Supplier<NodeHealth> h = n.health();
        List<Meter> out = new ArrayList<>();
        out.add(Gauge.builder("sluice.health.up", h, s -> s.get().isHealthy() ? 1 : 0)
                .description("1 when the node's last health check found it healthy, else 0").tags(tags).strongReference(true)
                .register(registry));
        out.add(Gauge.builder("sluice.health.last.latency", h, s -> {
            Duration d = s.get().lastLatency();
            return d == null ? Double.NaN : d.toNanos() / 1e9;
        }).description("Round trip of the node's last successful health check").baseUnit("seconds").tags(tags)
                .strongReference(true).register(registry));
        out.add(Gauge.builder("sluice.health.consecutive.failures", h, s -> s.get().consecutiveFailures())
                .description("Failed health checks in a row").tags(tags).strongReference(true).register(registry));
        return out;
    }

    /** Reads the node's version when the last read is older than the refresh time; a new version replaces the meter. */
    private void refreshVersion(MonitoredNode n) {
        Long last = versionRead.get(n.id());
        long now = System.nanoTime();
        if (last != null && now - last < migrationRefresh.toNanos()) {
            return;
        }
        if (!n.health().get().isHealthy()) {
            return; // keep the last version known rather than hold the scrape up on a node that does not answer
        }
        versionRead.put(n.id(), now);
        String version;
        try {
            version = migrationVersion.apply(n.connections());
        } catch (RuntimeException e) {
            LOG.debug("{}: reading the schema version failed: {}", n.id(), e.getMessage());
            return;
        }
        Meter old = versions.get(n.id());
        if (old != null && version != null && version.equals(old.getId().getTag("version"))) {
            return;
        }
        if (old != null) {
            registry.remove(old);
            versions.remove(n.id());
        }
        if (version != null) {
            versions.put(n.id(), Gauge.builder("sluice.migration.version", () -> 1)
                    .description("The node's schema version (the newest migration applied), in the version tag")
                    .tags(Tags.of("pool", n.pool(), "node", n.id(), "version", version)).register(registry));
        }
    }

    /** Removes every meter registered here. */
    @Override
    public synchronized void close() {
        meters.values().forEach(list -> list.forEach(registry::remove));
        versions.values().forEach(registry::remove);
        meters.clear();
        versions.clear();
        versionRead.clear();
    }
}
