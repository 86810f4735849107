package dev.sluice.maven.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What generated classes were made from: a SHA-256 over the plugin's version, the goal's configuration and every file
 * (name and content) in the migration directories. {@code generate} skips its work when the stamp it wrote last time
 * equals the current one and the classes are still there.
 */
public final class GenerationStamp {
    private GenerationStamp() {}

    /**
     * The stamp of the given inputs.
     *
     * @param pluginVersion the plugin's version: a new plugin may generate differently
     * @param configuration the configuration that shapes the output, by name (order does not matter)
     * @param scriptDirectories where the migration scripts are; missing ones count as missing
     */
    public static String compute(String pluginVersion, Map<String, String> configuration, List<File> scriptDirectories) {
        MessageDigest sha = sha256();
        update(sha, "plugin", pluginVersion);
        new TreeMap<>(configuration).forEach((k, v) -> update(sha, "config." + k, v));
        for (File dir : scriptDirectories) {
            Path root = dir.toPath();
            if (!Files.isDirectory(root)) {
                update(sha, "missing", root.toString());
                continue;
            }
            update(sha, "directory", root.toString());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    update(sha, "file", root.relativize(p).toString().replace('\\', '/'));
                    sha.update(Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migration scripts in " + root, e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The stamp written last time, or {@code null}. */
    public static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the stamp. */
    public static void write(Path file, String stamp) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, stamp + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void update(MessageDigest sha, String kind, String value) {
        sha.update((kind + "=" + (value == null ? "<null>" : value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
