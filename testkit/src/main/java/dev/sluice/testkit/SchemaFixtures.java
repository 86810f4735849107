package dev.sluice.testkit;

import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Realistic user schemas to test tools against, one set of migration scripts per vendor (with {@code U} down scripts).
 * {@link #SHOP} is a small shop: customers, a self-referencing category tree, products, orders and their items, an
 * audit log, reviews; on PostgreSQL enum types, domains, PL/pgSQL functions with {@code $$} and {@code $tag$} bodies,
 * triggers, a procedure, an expression index, a partial index and a {@code COPY ... FROM stdin} section; on
 * MySQL/MariaDB an ENUM, checks, triggers and procedures in {@code DELIMITER} blocks; on SQLite triggers with
 * {@code BEGIN ... END} bodies and checks; a view everywhere. Version 1 creates most of it, version 2 adds reviews.
 *
 * <pre>{@code
 * Migrations.builder(db).locations(SchemaFixtures.location(SchemaFixtures.SHOP)).build().migrate();
 * Path dir = SchemaFixtures.copy(SchemaFixtures.SHOP, Vendor.SQLITE, tempDir);   // as files, for filesystem: locations
 * }</pre>
 */
public final class SchemaFixtures {
    /** The shop schema. */
    public static final String SHOP = "shop";

    private SchemaFixtures() {}

    /** The Flyway classpath location of a fixture, with Sluice's {@code {vendor}} token for the vendor directory. */
    public static String location(String fixture) {
        return "classpath:" + base(fixture) + "/{vendor}";
    }

    /** The Flyway classpath location of a fixture for one vendor. */
    public static String location(String fixture, Vendor vendor) {
        return "classpath:" + base(fixture) + "/" + vendor.id();
    }

    /** The script names of a fixture for a vendor ({@code V1__...sql}, {@code U1__...sql}...), sorted. */
    public static List<String> files(String fixture, Vendor vendor) {
        return read(base(fixture) + "/" + vendor.id() + "/files.txt").lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** The text of one script of a fixture. */
    public static String script(String fixture, Vendor vendor, String file) {
        return read(base(fixture) + "/" + vendor.id() + "/" + file);
    }

    /** Copies a fixture's scripts for a vendor into {@code dir} (created if needed); returns {@code dir}. */
    public static Path copy(String fixture, Vendor vendor, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : files(fixture, vendor)) {
                Files.writeString(dir.resolve(f), script(fixture, vendor, f));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the " + fixture + " fixture to " + dir, e);
        }
    }

    private static String base(String fixture) {
        if (fixture == null || !fixture.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Unknown schema fixture '" + fixture + "': use SchemaFixtures.SHOP");
        }
        return "dev/sluice/testkit/schemas/" + fixture;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No schema fixture resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
