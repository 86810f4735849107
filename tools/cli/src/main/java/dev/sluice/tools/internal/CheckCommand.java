package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.tools.Sluice;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sluice check}: one connection, one round trip; prints vendor, driver, server version and round-trip time. */
@Command(name = "check", description = "Connect once and print vendor, driver, server version and round-trip time.")
public final class CheckCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        ConnectionConfig config = database.builder(root.environment(), null).build();
        ServerInfo info = ConnectionManager.probe(config);
        print(root, config, info, json);
        return 0;
    }

    static void print(Sluice root, ConnectionConfig config, ServerInfo info, boolean json) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", config.redactedUrl());
            m.put("vendor", info.vendor().id());
            m.put("product", info.product());
            m.put("version", info.version());
            m.put("driver", info.driver());
            m.put("roundTripMs", info.roundTrip());
            root.out().println(Json.write(m));
        } else {
            root.out().printf("database:    %s%n", config.redactedUrl());
            root.out().printf("vendor:      %s (%s %s)%n", info.vendor().id(), info.product(), info.version());
            root.out().printf("driver:      %s%n", info.driver());
            root.out().printf("round trip:  %.2f ms%n", info.roundTrip().toNanos() / 1e6);
        }
    }
}
