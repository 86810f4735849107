package dev.sluice.testkit.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.Vendor;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.testkit.NoTestDatabaseException;
import dev.sluice.testkit.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the test server of a vendor: env URL, then a local server, then Testcontainers. */
public final class ServerLocator {
    private ServerLocator() {}

    /** The env variable that names a server for a vendor. */
    public static String envVariable(Vendor vendor) {
        return ServerKind.of(vendor).envVariable();
    }

    /**
     * Finds a server.
     *
     * @throws NoTestDatabaseException naming the three ways to provide one
     */
    public static TestServer locate(Vendor vendor, Map<String, String> env) {
        return locate(vendor, env, vendor.defaultPort());
    }

    /** As {@link #locate(Vendor, Map)}, looking for the local server on another port (for tests of this class). */
    public static TestServer locate(Vendor vendor, Map<String, String> env, int localPort) {
        String var = envVariable(vendor);
        String url = env.get(var);
        if (url != null && !url.isBlank()) {
            return fromEnv(vendor, var, url);
        }
        List<String> tried = new ArrayList<>();
        tried.add(var + " is not set");
        int port = localPort;
        TestServer local = new TestServer(vendor, "127.0.0.1", port, ServerKind.of(vendor).localUser(), null,
                vendor.maintenanceDatabase(), "local server on 127.0.0.1:" + port);
        if (listening("127.0.0.1", port)) {
            try {
                ConnectionManager.probe(local.configFor(local.adminDatabase()).build());
                return local;
            } catch (ConnectionFailedException e) {
                tried.add("127.0.0.1:" + port + " answers but: " + e.getMessage());
            }
        } else {
            tried.add("nothing listens on 127.0.0.1:" + port);
        }
        if (Containers.available()) {
            String why = Containers.dockerProblem();
            if (why == null) {
                return Containers.start(vendor);
            }
            tried.add("Testcontainers: " + why);
        } else {
            tried.add("Testcontainers is not on the test class path");
        }
        throw new NoTestDatabaseException(message(vendor, tried));
    }

    /**
     * Starts a Testcontainers container of {@code vendor}, whatever else is around.
     *
     * @throws NoTestDatabaseException when Testcontainers is not on the class path or no Docker engine answers
     */
    public static TestServer container(Vendor vendor) {
        if (!Containers.available()) {
            throw new NoTestDatabaseException("Testcontainers is not on the class path: add "
                    + ServerKind.of(vendor).testcontainersModule() + " to use a container");
        }
        String why = Containers.dockerProblem();
        if (why != null) {
            throw new NoTestDatabaseException("Cannot start a " + vendor.displayName() + " container: " + why);
        }
        return Containers.start(vendor);
    }

    private static TestServer fromEnv(Vendor vendor, String var, String url) {
        ConnectionConfig c;
        try {
            c = ConnectionConfig.builder().url(url, var).build();
        } catch (ConfigException e) {
            throw new NoTestDatabaseException(e.getMessage(), e);
        }
        if (c.vendor() != vendor) {
            throw new NoTestDatabaseException(var + " must name a " + vendor.displayName() + " server, but it names "
                    + c.vendor().displayName() + ": " + c.redactedUrl());
        }
        String adminDb = c.database() != null ? c.database() : vendor.maintenanceDatabase();
        TestServer s = new TestServer(vendor, c.host(), c.port(), c.user(), c.password(), adminDb, var);
        try {
            ConnectionManager.probe(s.configFor(adminDb).build());
        } catch (ConnectionFailedException e) {
            throw new NoTestDatabaseException(var + " is set but its server cannot be used: " + e.getMessage(), e);
        }
        return s;
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String message(Vendor vendor, List<String> tried) {
        ServerKind kind = ServerKind.of(vendor);
        return "No " + kind.displayName() + " server for tests. Provide one in any of three ways:\n"
                + "  1. set " + kind.envVariable() + " to a server whose user may create databases, e.g. "
                + kind.envVariable() + "=" + kind.exampleUrl()
                + "\n  2. run a local server on 127.0.0.1:" + vendor.defaultPort() + " that accepts user " + kind.localUser()
                + " without a password (Debian: " + kind.localStart() + ")"
                + "\n  3. start a Docker engine so Testcontainers can run " + kind.image()
                + "\nTried: " + String.join("; ", tried);
    }
}
