package dev.sluice.studio.internal;

import dev.sluice.connection.NodeHealth;
import dev.sluice.connection.PoolStats;
import dev.sluice.connection.Redaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every node once a second on a daemon thread and keeps the last five minutes: each node's health and pool
 * gauges, what the health view's table and live chart show. A stopped server shows as unhealthy at the next check.
 */
final class HealthSampler implements AutoCloseable {
    /** Samples kept: five minutes at one a second. */
    static final int KEEP = 300;

    private final List<StudioNode> nodes;
    private final Deque<Map<String, Object>> samples = new ArrayDeque<>(); // guarded by itself
    private volatile Map<String, Object> latest = Map.of("nodes", List.of());
    private final Thread thread;
    private volatile boolean stopped;

    HealthSampler(List<StudioNode> nodes) {
        this.nodes = List.copyOf(nodes);
        this.thread = Thread.ofPlatform().daemon().name("sluice-studio-health").unstarted(this::loop);
    }

    void start() {
        sample();
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private void sample() {
        List<Map<String, Object>> now = new ArrayList<>();
        for (StudioNode n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.id());
            m.put("url", n.connections().config().redactedUrl());
            m.put("required", n.required());
            try {
                NodeHealth h = n.connections().checkHealth();
                m.put("status", h.status().name());
                m.put("state", h.state() == null ? null : h.state().name());
                m.put("latencyMs", h.lastLatency() == null ? null : h.lastLatency().toNanos() / 1e6);
                m.put("failures", h.consecutiveFailures());
                m.put("lastError", h.lastError() == null ? null : Redaction.redact(h.lastError()));
            } catch (RuntimeException e) {
                m.put("status", "UNHEALTHY");
                m.put("lastError", Redaction.redact(String.valueOf(e.getMessage())));
            }
            try {
                PoolStats s = n.connections().poolStats();
                m.put("pool", Map.of("active", s.active(), "idle", s.idle(), "waiting", s.waiting(), "total", s.total(), "max", s.max()));
            } catch (RuntimeException e) {
                m.put("pool", null);
            }
            now.add(m);
        }
        Map<String, Object> sample = Map.of("at", Instant.now().toString(), "nodes", now);
        latest = sample;
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > KEEP) {
                samples.removeFirst();
            }
        }
    }

    /** The last sample and the ones before it, oldest first. */
    Map<String, Object> report() {
        List<Map<String, Object>> history;
        synchronized (samples) {
            history = new ArrayList<>(samples);
        }
        Map<String, Object> out = new LinkedHashMap<>(latest);
        out.put("samples", history);
        return out;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
