package dev.sluice.testkit.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;

/**
 * Testcontainers, used only when it is on the class path (it is an optional dependency of the testkit) and a Docker
 * engine answers. Containers are started once per JVM and stopped by Testcontainers' own reaper; which image and how
 * is each vendor's {@link ServerKind}.
 */
final class Containers {
    private Containers() {}

    static boolean available() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, Containers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static String image(Vendor vendor) {
        return ServerKind.of(vendor).image();
    }

    /** Why Docker cannot be used, or {@code null} when it can. */
    static String dockerProblem() {
        try {
            return Docker.available() ? null : "no Docker engine is reachable";
        } catch (RuntimeException | LinkageError e) {
            return "Docker check failed: " + e.getMessage();
        }
    }

    static TestServer start(Vendor vendor) {
        ServerKind kind = ServerKind.of(vendor);
        return kind.startContainer(kind.image());
    }

    /** Kept apart so Testcontainers classes load only after the class path check. */
    private static final class Docker {
        static boolean available() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
    }
}
