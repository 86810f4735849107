package dev.sluice.testkit.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;

/** MySQL and MariaDB test servers; the container is MariaDB, as on the machines Sluice is tested on. */
final class MySqlServerKind extends ServerKind {
    MySqlServerKind() {
        super(Vendor.MYSQL);
    }

    @Override
    String displayName() {
        return "MySQL/MariaDB";
    }

    @Override
    String envVariable() {
        return "SLUICE_TEST_MYSQL_URL";
    }

    @Override
    String exampleUrl() {
        return "mysql://root:secret@127.0.0.1:3306/";
    }

    @Override
    String localUser() {
        return "root";
    }

    @Override
    String localStart() {
        return "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
    }

    @Override
    String image() {
        return "mariadb:10.11";
    }

    @Override
    String testcontainersModule() {
        return "org.testcontainers:testcontainers-mysql";
    }

    @Override
    TestServer startContainer(String image) {
        return Docker.start(vendor(), image);
    }

    /** Kept apart so Testcontainers classes load only after the class path check. */
    private static final class Docker {
        static TestServer start(Vendor vendor, String image) {
            var c = new org.testcontainers.mysql.MySQLContainer(
                    org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"))
                    .withUsername("root").withPassword("");
            c.start();
            return new TestServer(vendor, c.getHost(), c.getMappedPort(vendor.defaultPort()), "root",
                    c.getPassword().isEmpty() ? null : c.getPassword(), null, "Testcontainers " + image);
        }
    }
}
