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
 *   <li>{@link #dropAll()}: reset every open connection: a server that crashed or a network that cut them.
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
            Thread.ofVirtual().start(() -> pump(client, server));
            pump(server, client);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void pump(Socket from, Socket to) {
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
