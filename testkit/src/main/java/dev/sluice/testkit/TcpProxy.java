package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that forwards to a loopback server and can be told to misbehave, for fault tests:
 *
 * <ul>
 *   <li>{@link #blackhole()}: keep every connection open but forward nothing, and accept new connections without
 *       forwarding them either: a server that went silent;
 *   <li>{@link #resume()}: forward again (bytes held back are delivered);
 *   <li>{@link #dropAll()}: reset every open connection: a server that crashed or a network that cut them;
 *   <li>{@link #cutBeforeClientSends(String)}, {@link #cutAfterClientSends(String)},
 *       {@link #beforeClientSends(String, Runnable)}: one fault at an exact point of the protocol, such as a
 *       {@code COMMIT}: the connection is cut before the statement reaches the server, or after it did but before the
 *       answer comes back, or something (stopping the server) happens first.
 * </ul>
 *
 * The target must be a loopback address: fault tests never leave the machine.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Trigger> trigger = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean blackholed;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-proxy-accept-" + port()).start(this::acceptLoop);
    }

    /**
     * Starts a proxy to {@code host:port}.
     *
     * @throws IllegalArgumentException when the host is not a loopback address
     */
    public static TcpProxy start(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("TcpProxy forwards only to loopback addresses, not " + host);
            }
            return new TcpProxy(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a TCP proxy to " + host + ":" + port, e);
        }
    }

    /** The port the proxy listens on (on 127.0.0.1). */
    public int port() {
        return listener.getLocalPort();
    }

    /** How many client connections were accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Stops forwarding bytes in both directions, on open and new connections. */
    public void blackhole() {
        blackholed = true;
    }

    /** Forwards again. */
    public void resume() {
        synchronized (gate) {
            blackholed = false;
            gate.notifyAll();
        }
    }

    /** Resets every open connection; new connections are still accepted. */
    public void dropAll() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0); // RST, as a crash would
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
    }

    /**
     * The next time a client sends bytes containing {@code marker} (ASCII, case-insensitive, within one read of at most
     * 16 KiB), resets that connection without forwarding them: the server never sees the statement. One-shot.
     */
    public void cutBeforeClientSends(String marker) {
        arm(marker, Trigger.Action.CUT_BEFORE, null);
    }

    /**
     * The next time a client sends bytes containing {@code marker}, forwards them to the server and then resets the
     * connection at once: the server runs the statement, its answer never reaches the client (a lost reply). One-shot.
     */
    public void cutAfterClientSends(String marker) {
        arm(marker, Trigger.Action.CUT_AFTER, null);
    }

    /**
     * The next time a client sends bytes containing {@code marker}, runs {@code action} (for instance, stop the server)
     * before forwarding them. One-shot.
     */
    public void beforeClientSends(String marker, Runnable action) {
        arm(marker, Trigger.Action.RUN_BEFORE, action);
    }

    /** Whether the last armed one-shot fault has fired. */
    public boolean triggered() {
        Trigger t = trigger.get();
        return t != null && t.fired.get();
    }

    private void arm(String marker, Trigger.Action action, Runnable run) {
        if (marker == null || marker.isEmpty()) {
            throw new IllegalArgumentException("a non-empty marker is required");
        }
        trigger.set(new Trigger(marker.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII), action, run));
    }

    /** A one-shot fault on the client-to-server direction. */
    private static final class Trigger {
        enum Action { CUT_BEFORE, CUT_AFTER, RUN_BEFORE }

        final byte[] marker;
        final Action action;
        final Runnable run;
        final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();

        Trigger(byte[] marker, Action action, Runnable run) {
            this.marker = marker;
            this.action = action;
            this.run = run;
        }

        boolean matches(byte[] buf, int n) {
            outer:
            for (int i = 0; i + marker.length <= n; i++) {
                for (int j = 0; j < marker.length; j++) {
                    byte b = buf[i + j];
                    if (b >= 'A' && b <= 'Z') {
                        b = (byte) (b + 32);
                    }
                    if (b != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                sockets.add(client);
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void connect(Socket client) {
        waitWhileBlackholed();
        Socket server = new Socket();
        try {
            server.connect(target, 5_000);
            sockets.add(server);
            Thread.ofVirtual().start(() -> pump(client, server, true));
            pump(server, client, false);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                waitWhileBlackholed();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                waitWhileBlackholed();
                Trigger t = fromClient ? trigger.get() : null;
                if (t != null && !t.fired.get() && t.matches(buf, n) && t.fired.compareAndSet(false, true)) {
                    switch (t.action) {
                        case CUT_BEFORE -> {
                            reset(from);
                            reset(to);
                            return;
                        }
                        case CUT_AFTER -> {
                            // the client loses the connection first, so no answer can reach it; then the server gets
                            // the bytes and an orderly close after them, so it still runs the statement
                            reset(from);
                            out.write(buf, 0, n);
                            out.flush();
                            closeQuietly(to);
                            return;
                        }
                        case RUN_BEFORE -> t.run.run();
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // closed or reset: fall through and close the other side too
        } catch (IOException e) {
            // same
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, as a crash would
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private void waitWhileBlackholed() {
        synchronized (gate) {
            while (blackholed && !closed) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        dropAll();
    }
}
