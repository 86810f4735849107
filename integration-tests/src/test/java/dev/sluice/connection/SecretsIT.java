package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.tools.Sluice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passwords with the characters that used to escape the masking ({@code / @ : ? # %} and space), and MySQL's
 * multi-factor {@code password1..3} parameters, against a real MariaDB that rejects them: no part of the password
 * reaches any output channel: exception messages and stack traces, {@code toString()}, health, listener events,
 * library logs, and the CLI's standard output and error, with and without {@code --verbose}.
 */
class SecretsIT {

    static List<String> passwords() {
        return List.of("Zq81a/Yw72b", "Zq81a@Yw72b", "Zq81a:Yw72b", "Zq81a?Yw72b", "Zq81a#Yw72b", "Zq81a%Yw72b",
                "Zq81a Yw72b", "Zq81a/b@c:d?e#f%g hYw72b");
    }

    /** The URLs that carry a password: in the user info, unencoded, and in each MySQL password parameter. */
    static List<String> urls(TestDatabase db, String password) {
        String base = "mysql://root:%s@127.0.0.1:" + db.server().port() + "/" + db.name();
        String encoded = java.net.URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String noPassword = "mysql://root@127.0.0.1:" + db.server().port() + "/" + db.name();
        return List.of(base.formatted(password), noPassword + "?password1=" + encoded, noPassword + "?password2=" + encoded
                + "&password1=" + encoded, noPassword + "?password3=" + encoded + "&password1=" + encoded + "&password2=" + encoded);
    }

    static void assertHidden(String channel, String text, String password) {
        assertThat(text).as(channel).doesNotContain(password).doesNotContain("Zq81a").doesNotContain("Yw72b");
    }

    static String everything(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** A listener that keeps the text of every event it gets. */
    static ConnectionListener recorder(List<String> events) {
        return (ConnectionListener) Proxy.newProxyInstance(SecretsIT.class.getClassLoader(), new Class<?>[] {ConnectionListener.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode")
                                ? System.identityHashCode(proxy) : "recorder";
                    }
                    for (Object a : args == null ? new Object[0] : args) {
                        events.add(method.getName() + " " + (a instanceof Throwable t ? everything(t) : String.valueOf(a)));
                    }
                    return null;
                });
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void noChannelShowsThePassword(String password) {
        try (TestDatabase db = TestDatabases.mysql(); LogCapture logs = new LogCapture()) {
            for (String url : urls(db, password)) {
                // the library: a rejected login, started in the background so health and events are exercised too
                ConnectionConfig config = ConnectionConfig.builder().url(url).startup(StartupMode.BACKGROUND)
                        .timeouts(t -> t.connect(Duration.ofSeconds(2))).pool(p -> p.min(0).max(1).connectionTimeout(Duration.ofMillis(500)))
                        .build();
                assertHidden("config", config.toString() + config.redactedUrl() + config.jdbcUrl(), password);
                assertHidden("fail-fast", everything(catchThrowable(() -> ConnectionManager.probe(config))), password);
                List<String> events = new CopyOnWriteArrayList<>();
                try (ConnectionManager m = ConnectionManager.create(config)) {
                    m.addListener(recorder(events));
                    m.connect();
                    assertHidden("health", m.checkHealth().toString() + m, password);
                    assertHidden("borrow", everything(catchThrowable(m::getConnection)), password);
                }
                assertThat(events).as("events were published").isNotEmpty();
                assertHidden("events", String.join("\n", events), password);

                // the CLI, with and without --verbose (every command for the first URL, to keep the test short)
                List<String[]> commands = url.contains("?password") ? List.<String[]>of(new String[] {"check", "--url", url, "--verbose"})
                        : List.of(new String[] {"check", "--url", url}, new String[] {"check", "--url", url, "--verbose"},
                                new String[] {"health", "--url", url, "--json"}, new String[] {"stats", "--url", url, "--verbose"});
                for (String[] args : commands) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int code = Sluice.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    assertThat(code).as(Arrays.toString(args) + " fails").isNotZero();
                    assertHidden("cli stdout", out.toString(StandardCharsets.UTF_8), password);
                    assertHidden("cli stderr", err.toString(StandardCharsets.UTF_8), password);
                }
            }
            // a malformed URL carrying the password, and the password from DB_PASSWORD
            String bad = "mysql://root:" + password + "@127.0.0.1:33x6/" + db.name();
            assertHidden("bad url", everything(catchThrowable(() -> ConnectionConfig.fromUrl(bad))), password);
            List<String> cli = new ArrayList<>();
            for (Map<String, String> env : List.of(Map.of("DATABASE_URL", bad), Map.of("DB_PASSWORD", password))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String[] args = env.containsKey("DB_PASSWORD") ? new String[] {"check", "--verbose", "--url", "mysql://root@127.0.0.1:"
                        + db.server().port() + "/" + db.name()} : new String[] {"check", "--verbose"};
                assertThat(Sluice.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))).isNotZero();
                cli.add(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
            }
            assertThat(cli.get(0)).contains("Invalid");
            assertThat(cli.get(1)).contains("rejected the credentials");
            assertHidden("cli env", String.join("\n", cli), password);
            assertThat(logs.text()).as("something was logged").isNotBlank();
            assertHidden("logs", logs.text(), password);
        }
    }
}
