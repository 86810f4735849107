package dev.sluice.testkit.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;

/**
 * Testcontainers, used only when it is on the class path (it is an optional dependency of the testkit) and a Docker
 * engine answers. Containers are started once per JVM and stopped by Testcontainers' own reaper.
 */
final class Containers {
    private Containers() {}

    /** Whether Testcontainers is there; when it is, this module can use it from then on. */
    static boolean available() {
        try {
            Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory", false, Containers.class.getClassLoader());
            // On the module path Testcontainers stays on the class path (its jars split packages, so they cannot be
            // modules) and the testkit's descriptor does not name it: read it now. Nothing changes on the class path.
            Containers.class.getModule().addReads(factory.getModule());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static String image(Vendor vendor) {
        return vendor == Vendor.POSTGRESQL ? "postgres:15-alpine" : "mariadb:10.11";
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
        return Docker.start(vendor, image(vendor));
    }

    /** Kept apart so Testcontainers classes load only after the class path check. */
    private static final class Docker {
        static boolean available() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        static TestServer start(Vendor vendor, String image) {
            if (vendor == Vendor.POSTGRESQL) {
                var c = new org.testcontainers.postgresql.PostgreSQLContainer(image);
                c.start();
                return new TestServer(vendor, c.getHost(), c.getMappedPort(5432), c.getUsername(), c.getPassword(),
                        c.getDatabaseName(), "Testcontainers " + image);
            }
            var c = new org.testcontainers.mysql.MySQLContainer(
                    org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"))
                    .withUsername("root").withPassword("");
            c.start();
            return new TestServer(vendor, c.getHost(), c.getMappedPort(3306), "root", c.getPassword().isEmpty() ? null : c.getPassword(),
                    null, "Testcontainers " + image);
        }
    }
}
