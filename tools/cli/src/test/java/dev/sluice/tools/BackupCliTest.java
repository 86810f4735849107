package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.tools.SluiceCliTest.Result;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice backup} and {@code sluice restore} on PostgreSQL: output, JSON, and a restored table (BackupIT covers every vendor). */
class BackupCliTest {
    @TempDir
    Path dir;

    @Test
    void backupThenRestorePrintsSizeTimeAndRestoresTheTable() throws Exception {
        try (TestDatabase source = TestDatabases.postgres(); TestDatabase target = TestDatabases.postgres()) {
            try (Connection c = source.connect().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
                s.execute("INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 300) g");
            }
            Path file = dir.resolve("notes.dump");
            Result backup = SluiceCliTest.run("backup", "--url", source.url(), file.toString());
            assertThat(backup.code()).as(backup.err()).isZero();
            assertThat(backup.out()).startsWith("backup " + file + ": ").containsPattern(" in \\d+\\.\\d\\d s \\(pg_dump; pg_restore --list: \\d+ entries\\)");

            Result restore = SluiceCliTest.run("restore", "--url", target.url(), file.toString(), "--json");
            assertThat(restore.code()).as(restore.err()).isZero();
            assertThat(restore.out()).startsWith("{\"url\":").contains("\"bytes\":" + Files.size(file)).contains("\"tool\":\"pg_restore\"");
            try (Connection c = target.connect().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), max(body) FROM notes")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(300);
                assertThat(rs.getString(2)).isEqualTo("note 99");
            }
        }
    }

    @Test
    void restoreOfAMissingFileFailsWithOneLine() {
        Result r = SluiceCliTest.run("restore", "--url", "sqlite:" + dir.resolve("x.db"), dir.resolve("none.backup").toString());
        assertThat(r.code()).isEqualTo(Sluice.FAILED);
        assertThat(r.err().strip()).isEqualTo("error: Cannot restore " + dir.resolve("none.backup") + ": no such file");
    }
}
