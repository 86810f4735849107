package dev.sluice.connection.faults;

import dev.sluice.connection.ConnectionListener;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.LeakReport;
import dev.sluice.connection.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the events a manager publishes, for assertions. */
final class EventRecorder implements ConnectionListener {
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<Duration> reconnectDelays = new CopyOnWriteArrayList<>();
    final List<Integer> reconnectAttempts = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
    final List<PoolStats> stats = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(ConnectionState from, ConnectionState to) {
        states.add(to);
    }

    @Override
    public void onConnected(dev.sluice.connection.ServerInfo server) {
        events.add("connected");
    }

    @Override
    public void onDisconnected() {
        events.add("disconnected");
    }

    @Override
    public void onDegraded(Throwable cause) {
        events.add("degraded");
    }

    @Override
    public void onReconnecting(int attempt, Duration delay) {
        events.add("reconnecting");
        reconnectAttempts.add(attempt);
        reconnectDelays.add(delay);
    }

    @Override
    public void onReconnected(int attempts, Duration downtime) {
        events.add("reconnected");
    }

    @Override
    public void onError(Throwable cause) {
        errors.add(cause);
    }

    @Override
    public void onFailed(int attempts, Throwable lastCause) {
        events.add("failed");
    }

    @Override
    public void onPoolStats(PoolStats s) {
        stats.add(s);
    }

    @Override
    public void onLeak(LeakReport report) {
        leaks.add(report);
    }
}
