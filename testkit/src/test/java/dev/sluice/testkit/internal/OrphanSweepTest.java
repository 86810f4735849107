package dev.sluice.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.MariaDbInstance;
import dev.sluice.testkit.PostgresInstance;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test JVM that is killed (SIGKILL: no shutdown hook runs) leaves its servers running and their directories behind;
 * the next JVM that starts an instance stops those servers and deletes the directories, and leaves a live JVM's alone.
 */
class OrphanSweepTest {
    /** Run in a child JVM: starts a PostgreSQL and a MariaDB instance, prints their directories and pids, waits to be killed. */
    public static void main(String[] args) throws Exception {
        PostgresInstance pg = PostgresInstance.start();
        MariaDbInstance maria = MariaDbInstance.start();
        System.out.println("ready " + pg.port() + " " + maria.port());
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void aKilledJvmsServersAndDirectoriesAreRemovedByTheNextSweep() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OrphanSweepTest.class.getName()).redirectErrorStream(true).start();
        List<Path> dirs;
        List<ProcessHandle> servers = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
                // the child's log lines
            }
            assertThat(line).as("the child JVM started its instances").isNotNull();
            dirs = ownedBy(tmp, child.pid());
            assertThat(dirs).hasSize(2);
            for (Path d : dirs) {
                servers.add(serverOf(d).orElseThrow());
            }
            // a live owner's directories are left alone
            assertThat(OwnedDirectory.sweep(tmp)).isZero();
            assertThat(dirs).allMatch(Files::exists);

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(servers).as("the servers outlive the killed JVM").allMatch(ProcessHandle::isAlive);

            assertThat(OwnedDirectory.sweep(tmp)).isEqualTo(2);
        } finally {
            child.destroyForcibly();
        }
        for (ProcessHandle s : servers) {
            s.onExit().get(30, TimeUnit.SECONDS);
            assertThat(s.isAlive()).isFalse();
        }
        assertThat(dirs).noneMatch(Files::exists);
    }

    private static List<Path> ownedBy(Path tmp, long pid) throws Exception {
        try (var list = Files.list(tmp)) {
            return list.filter(d -> OwnedDirectory.PREFIXES.stream().anyMatch(p -> d.getFileName().toString().startsWith(p)))
                    .filter(d -> {
                        try {
                            return Files.readString(d.resolve(OwnedDirectory.MARKER)).contains("pid=" + pid + "\n");
                        } catch (Exception e) {
                            return false;
                        }
                    }).toList();
        }
    }

    private static Optional<ProcessHandle> serverOf(Path dir) throws Exception {
        String marker = Files.readString(dir.resolve(OwnedDirectory.MARKER));
        String pidFile = marker.lines().filter(l -> l.startsWith("pidfile=")).findFirst().orElseThrow().substring("pidfile=".length());
        long pid = Long.parseLong(Files.readAllLines(Path.of(pidFile.replace("\\:", ":"))).get(0).trim());
        return ProcessHandle.of(pid);
    }
}
