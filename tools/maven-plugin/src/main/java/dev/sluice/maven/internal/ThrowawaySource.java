package dev.sluice.maven.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.ThrowawayProvider;
import dev.sluice.testkit.PostgresInstance;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.testkit.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code generate}, {@code check-schema} and {@code diff} get their throwaway database ({@code <codegenDatabase>}):
 * <ul>
 *   <li>{@code auto} (default): a temporary file for SQLite; else a temporary database on {@code <codegenUrl>}, else
 *       on the project's own server ({@code <url>}, {@code -Dsluice.url}, {@code DATABASE_URL}); with no server at all,
 *       a private PostgreSQL server from the installed binaries (PostgreSQL) or a Testcontainers container (MySQL).
 *   <li>{@code server}: a temporary database on {@code <codegenUrl>} or the project's server, dropped afterwards.
 *   <li>{@code postgres-instance}: a private PostgreSQL server started from the installed binaries for the run
 *       (testkit's {@link PostgresInstance}; {@code SLUICE_TEST_PG_BIN} names their directory).
 *   <li>{@code container}: a Testcontainers container; add {@code org.testcontainers:testcontainers-postgresql} or
 *       {@code -mysql} to the plugin's dependencies, and have a Docker engine.
 * </ul>
 */
public enum ThrowawaySource {
    /** Chooses as described above. */
    AUTO,
    /** A temporary database on a configured server. */
    SERVER,
    /** A private PostgreSQL server from the installed binaries. */
    POSTGRES_INSTANCE,
    /** A Testcontainers container. */
    CONTAINER;

    /** Parses {@code auto}, {@code server}, {@code postgres-instance}, {@code container}. */
    public static ThrowawaySource parse(String name) {
        String n = name == null || name.isBlank() ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        for (ThrowawaySource s : values()) {
            if (s.id().equals(n)) {
                return s;
            }
        }
        throw new ConfigException("codegenDatabase", name, "auto, server, postgres-instance or container");
    }

    /** The name as configured. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Where throwaway databases of {@code vendor} come from with this source.
     *
     * @param server {@code <codegenUrl>} if given, else the project's database, else {@code null}
     * @throws ConfigException when this source cannot give a database of {@code vendor}
     */
    public ThrowawayProvider provider(Vendor vendor, ConnectionConfig server) {
        ThrowawaySource chosen = this == AUTO ? choose(vendor, server) : this;
        ThrowawayProvider provider = switch (chosen) {
            case SERVER -> {
                if (vendor.embedded()) {
                    yield ThrowawayProvider.temporaryFile();
                }
                if (server == null) {
                    throw new ConfigException("codegenUrl", null, "a " + vendor.displayName() + " server to create a temporary "
                            + "database on: <codegenUrl>, or the project's <url>, -Dsluice.url or DATABASE_URL");
                }
                yield ThrowawayProvider.onServer(server);
            }
            case POSTGRES_INSTANCE -> {
                requireServerVendor(vendor, chosen, PostgresInstance::standsInFor);
                yield v -> privateInstance();
            }
            case CONTAINER -> {
                requireServerVendor(vendor, chosen, v -> !v.embedded());
                yield v -> {
                    TestServer s = TestDatabases.startContainer(v);
                    return ThrowawayProvider.onServer(s.configFor(s.adminDatabase()).build()).create(v);
                };
            }
            default -> throw new IllegalStateException("unreachable: " + chosen);
        };
        return provider;
    }

    private static ThrowawaySource choose(Vendor vendor, ConnectionConfig server) {
        if (vendor.embedded() || server != null) {
            return SERVER;
        }
        if (PostgresInstance.standsInFor(vendor)) {
            return POSTGRES_INSTANCE;
        }
        if (!testcontainersPresent()) {
            throw new ConfigException("codegenUrl", null, "a " + vendor.displayName() + " server to create the throwaway database on "
                    + "(<codegenUrl>, or the project's <url>, -Dsluice.url or DATABASE_URL), or Testcontainers with a Docker engine "
                    + "(org.testcontainers:testcontainers-mysql among the plugin's dependencies)");
        }
        return CONTAINER;
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ThrowawaySource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Fails unless {@code chosen}, which makes databases of the vendors {@code makes} accepts, makes {@code vendor}'s. */
    private void requireServerVendor(Vendor vendor, ThrowawaySource chosen, java.util.function.Predicate<Vendor> makes) {
        if (!makes.test(vendor)) {
            List<String> made = Arrays.stream(Vendor.values()).filter(makes).map(Vendor::displayName).toList();
            throw new ConfigException("codegenDatabase", chosen.id(), "a source that makes " + vendor.displayName() + " databases ("
                    + (vendor.embedded() ? "auto or server" : "auto, server or container") + "): " + chosen.id() + " makes "
                    + String.join(" and ", made) + " databases only");
        }
    }

    private static ThrowawayProvider.EmptyDatabase privateInstance() {
        PostgresInstance pg = PostgresInstance.start();
        try {
            return ThrowawayProvider.EmptyDatabase.of(pg.server().configFor("postgres").build(),
                    "a private PostgreSQL server on 127.0.0.1:" + pg.port(), pg::close);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }
}
