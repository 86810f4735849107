package dev.sluice.migrations;

import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the built-in scripts of a vendor to a directory, for tests that edit or remove them. */
final class Scripts {
    static final List<String> FILES = List.of("V1__create_tables.sql", "U1__create_tables.sql",
            "V2__event_indexes_and_form_description.sql", "U2__event_indexes_and_form_description.sql",
            "V3__tenant_scoped_references.sql", "U3__tenant_scoped_references.sql");

    static Path copy(Vendor vendor, Path dir) throws IOException {
        for (String f : FILES) {
            try (InputStream in = Scripts.class.getClassLoader().getResourceAsStream("dev/sluice/schema/migrations/" + vendor.id() + "/" + f)) {
                Files.writeString(dir.resolve(f), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return dir;
    }

    static String location(Path dir) {
        return "filesystem:" + dir;
    }
}
