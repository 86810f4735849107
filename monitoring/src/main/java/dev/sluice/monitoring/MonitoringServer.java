package dev.sluice.monitoring;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.connection.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server for {@link SluiceEndpoints} ({@code /health/db}, {@code /metrics}), on the JDK's
 * {@code com.sun.net.httpserver}, one virtual thread per request. {@link #stop(Duration)} is graceful: new requests
 * get 503 at once while those in flight finish (up to the grace time), then the socket closes. {@code sluice serve}
 * runs one; an application with an HTTP server of its own mounts the handlers instead
 * ({@link SluiceEndpoints#mount}).
 *
 * <pre>{@code
 * try (MonitoringServer server = MonitoringServer.start(endpoints, "127.0.0.1", 9430)) {
 *     ...
 * } // stop(10s)
 * }</pre>
 */
public final class MonitoringServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Object lock = new Object();
    private int inFlight; // guarded by lock
    private boolean stopping; // guarded by lock

    private MonitoringServer(SluiceEndpoints endpoints, InetSocketAddress address) throws IOException {
        this.server = HttpServer.create(address, 0);
        server.setExecutor(requests);
        server.createContext(SluiceEndpoints.HEALTH_PATH, endpoints.healthHandler()).getFilters().add(counting());
        server.createContext(SluiceEndpoints.METRICS_PATH, endpoints.metricsHandler()).getFilters().add(counting());
        server.start();
    }

    /**
     * Starts serving {@code endpoints} on {@code bind:port}.
     *
     * @param bind the address to listen on, usually {@code 127.0.0.1}; a name is resolved
     * @param port 0 to 65535; 0 takes a free port (see {@link #port()})
     * @throws ConfigException when the port or address is not allowed, or the port is taken
     */
    public static MonitoringServer start(SluiceEndpoints endpoints, String bind, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException("port", port, "a port from 0 to 65535 (0: any free port)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ConfigException("bind", bind, "an IP address or host name of this machine, such as 127.0.0.1");
        }
        try {
            return new MonitoringServer(endpoints, new InetSocketAddress(address, port));
        } catch (java.net.BindException e) {
            throw new ConfigException("port", port, "a port free on " + bind + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("starting the monitoring server on " + bind + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    /** The port listened on (the one chosen when 0 was given). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, {@code http://<address>:<port>}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Requests being answered now. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * Stops gracefully: from now on requests get 503, those in flight may finish for up to {@code grace}, then the
     * socket closes and requests still running are abandoned. Returns how many were still running (0 when all
     * finished). Calling it again does nothing more.
     */
    public int stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        int left;
        synchronized (lock) {
            stopping = true;
            try {
                long wait;
                while (inFlight > 0 && (wait = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            left = inFlight;
        }
        server.stop(0);
        requests.shutdownNow();
        return left;
    }

    /** {@link #stop(Duration)} with 10 seconds' grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Counts requests in flight; once stopping, answers 503 without running the handler. */
    private Filter counting() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                synchronized (lock) {
                    if (stopping) {
                        exchange.getResponseHeaders().set("Connection", "close");
                        SluiceEndpoints.send(exchange, 503, "text/plain; charset=utf-8", "shutting down\n");
                        return;
                    }
                    inFlight++;
                }
                try {
                    chain.doFilter(exchange);
                } finally {
                    synchronized (lock) {
                        inFlight--;
                        lock.notifyAll();
                    }
                }
            }

            @Override
            public String description() {
                return "counts requests in flight for a graceful stop";
            }
        };
    }
}
