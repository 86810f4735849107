package dev.sluice.tools;

import java.util.ArrayList;
import java.util.List;

/** The command line that runs the CLI in a JVM of its own, on this test JVM's class path. */
final class CliProcess {
    private CliProcess() {}

    static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Sluice.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
