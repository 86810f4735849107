package dev.sluice.connection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a backup or restore did: the file, its size, how long it took, the tool that did the work, and how the file
 * was verified.
 *
 * @param file the backup file
 * @param bytes its size in bytes
 * @param took the time the backup or restore took, verification included
 * @param tool the program or mechanism used ({@code pg_dump}, {@code mariadb-dump}, {@code VACUUM INTO}...)
 * @param verification how the file was checked ({@code pg_restore --list: 42 entries}, {@code integrity_check ok}...)
 */
public record BackupResult(Path file, long bytes, Duration took, String tool, String verification) {
    /** One line for people: {@code backup.dump: 1.2 MB in 0.84 s (pg_dump; pg_restore --list: 42 entries)}. */
    public String summary() {
        return String.format("%s: %s in %.2f s (%s; %s)", file, size(bytes), took.toNanos() / 1e9, tool, verification);
    }

    /** Bytes in the largest unit that keeps the number at least 1: {@code 532 B}, {@code 12.4 kB}, {@code 1.2 MB}. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
