package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class NotesTest {
    @Test
    void ownV1MigratesNextToTheBuiltInSchema() {
        try (Database db = Database.connect(ConnectionConfig.fromUrl(System.getProperty("notes.url")))) {
            Migrations builtIn = Migrations.builder(db).build();
            Migrations mine = Migrations.builder(db).locations("classpath:db/migration/{vendor}").build();

            assertEquals("3", builtIn.migrate().toVersion());
            MigrationReport r = mine.migrate();
            assertEquals(List.of("V1__notes.sql"), r.migrations().stream().map(AppliedMigration::script).toList());
            assertNull(r.fromVersion());
            assertEquals("1", mine.currentVersion());
            assertEquals("3", builtIn.currentVersion());
            assertTrue(mine.validate().valid());
            assertTrue(builtIn.validate().valid());

            UUID org = UUID.randomUUID();
            db.dsl().execute("INSERT INTO organizations (id, slug, name) VALUES (?, ?, ?)", org, "acme", "Acme");
            db.dsl().execute("INSERT INTO notes (organization_id, body) VALUES (?, ?)", org, "hello");
            assertEquals(1, db.dsl().fetchCount(DSL.table("notes")));
            System.out.println("notes: built-in schema at " + builtIn.currentVersion() + ", own scripts at " + mine.currentVersion());
        }
    }
}
