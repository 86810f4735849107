package dev.sluice.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStampTest {
    @TempDir
    Path dir;

    @Test
    void theStampChangesWithTheScriptsTheConfigurationAndThePluginVersionOnly() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("sqlite"));
        Files.writeString(scripts.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER);");
        Map<String, String> config = Map.of("packageName", "com.example.db", "vendor", "sqlite");
        String first = GenerationStamp.compute("1.0", config, List.of(scripts.toFile()));

        assertThat(GenerationStamp.compute("1.0", Map.of("vendor", "sqlite", "packageName", "com.example.db"), List.of(scripts.toFile())))
                .as("same inputs, any order").isEqualTo(first);
        assertThat(GenerationStamp.compute("1.1", config, List.of(scripts.toFile()))).as("plugin version").isNotEqualTo(first);
        assertThat(GenerationStamp.compute("1.0", Map.of("packageName", "com.example.other", "vendor", "sqlite"), List.of(scripts.toFile())))
                .as("configuration").isNotEqualTo(first);

        Files.writeString(scripts.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER, b TEXT);");
        String edited = GenerationStamp.compute("1.0", config, List.of(scripts.toFile()));
        assertThat(edited).as("an edited script").isNotEqualTo(first);
        Files.writeString(scripts.resolve("V2__b.sql"), "CREATE TABLE b (id INTEGER);");
        assertThat(GenerationStamp.compute("1.0", config, List.of(scripts.toFile()))).as("a new script").isNotEqualTo(edited);
        assertThat(GenerationStamp.compute("1.0", config, List.of(dir.resolve("nowhere").toFile()))).as("a missing directory")
                .isNotEqualTo(edited);
    }

    @Test
    void writtenStampsAreReadBack() {
        Path file = dir.resolve("target/sluice/generate.sha256");
        assertThat(GenerationStamp.read(file)).isNull();
        GenerationStamp.write(file, "abc123");
        assertThat(GenerationStamp.read(file)).isEqualTo("abc123");
    }
}
