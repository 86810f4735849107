package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.connection.internal.ConfigBinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's key table is {@link ConfigKey}'s catalogue: generated from it (the error column by feeding
 * each key's bad example through the YAML binder) and compared here, so a key added, removed or changed without the
 * page fails the build. {@code -Dsluice.updateDocs=true} rewrites the table.
 */
class ConfigurationReferenceTest {
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    private static final String BEGIN = "<!-- generated from ConfigKey by ConfigurationReferenceTest: begin -->";
    private static final String END = "<!-- generated from ConfigKey: end -->";
    private static final Set<String> URL_PARTS = Set.of("url", "vendor", "host", "port", "database");

    @Test
    void thePagesKeyTableIsTheCatalogue() throws Exception {
        String page = Files.readString(PAGE);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertThat(begin).as("docs/configuration.md has the generated region").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = table();
        String actual = page.substring(begin + BEGIN.length(), end);
        if (!actual.equals(expected)) {
            if (Boolean.getBoolean("sluice.updateDocs")) {
                Files.writeString(PAGE, page.substring(0, begin + BEGIN.length()) + expected + page.substring(end));
                return;
            }
            Path wanted = Path.of("target", "configuration-keys.md");
            Files.writeString(wanted, expected);
            fail("docs/configuration.md's key table differs from ConfigKey's catalogue; the table it should hold is in " + wanted.toAbsolutePath()
                    + " (or run this test with -Dsluice.updateDocs=true)");
        }
    }

    @Test
    void theCatalogueIsWhatTheBinderReadsAndItsBuilderCallsExist() {
        assertThat(ConfigKey.all().stream().map(ConfigKey::key).toList()).isEqualTo(ConfigBinder.keys());
        Pattern call = Pattern.compile("^(\\w+)\\((?:\\w+ -> \\w+\\.(\\w+)\\()?");
        List<Class<?>> settings = List.of(PoolSettings.Builder.class, HealthSettings.Builder.class, ReconnectSettings.Builder.class,
                TimeoutSettings.Builder.class, ShutdownSettings.Builder.class, StatsSettings.Builder.class, SslSettings.Builder.class);
        for (ConfigKey k : ConfigKey.all()) {
            Matcher m = call.matcher(k.builder());
            assertThat(m.find()).as(k.builder()).isTrue();
            assertThat(names(ConnectionConfig.Builder.class)).as(k.key() + ": ConnectionConfig.Builder." + m.group(1)).contains(m.group(1));
            if (m.group(2) != null) {
                assertThat(settings.stream().flatMap(c -> names(c).stream())).as(k.key() + ": ." + m.group(2)).contains(m.group(2));
            }
        }
    }

    @Test
    void everyEnvironmentVariableSetsItsKey() {
        for (ConfigKey k : ConfigKey.all()) {
            if (k.badExample() == null || k.key().equals("url")) {
                continue;
            }
            for (String var : k.alias() == null ? List.of(k.environmentVariable()) : List.of(k.environmentVariable(), k.alias())) {
                Map<String, String> env = URL_PARTS.contains(k.key()) ? Map.of(var, k.badExample(), "DB_NAME", "app")
                        : Map.of(var, k.badExample(), "DATABASE_URL", "postgres://app@db/app");
                try {
                    ConfigBinder.fromEnv(env).build();
                    fail(var + "=" + k.badExample() + " was accepted");
                } catch (ConfigException e) {
                    assertThat(e.getMessage()).as(var).contains(k.key().equals("host") ? var : k.key());
                }
            }
        }
    }

    private static List<String> names(Class<?> c) {
        return Arrays.stream(c.getMethods()).map(Method::getName).toList();
    }

    /** The Markdown table, one row per key, with the error each bad example gets. */
    static String table() {
        StringBuilder b = new StringBuilder("\n| key (YAML, `sluice.<key>` in properties) | in code (`ConnectionConfig.builder()`) | environment "
                + "| default | allowed | a bad value gets |\n|---|---|---|---|---|---|\n");
        for (ConfigKey k : ConfigKey.all()) {
            b.append("| `").append(k.key()).append("` | `").append(k.builder()).append("` | `").append(k.environmentVariable()).append('`')
                    .append(k.alias() == null ? "" : ", `" + k.alias() + "`").append(" | ").append(k.defaultValue()).append(" | ")
                    .append(k.allowed()).append(" | ").append(error(k)).append(" |\n");
        }
        return b.toString();
    }

    private static String error(ConfigKey k) {
        if (k.badExample() == null) {
            return "";
        }
        String yaml = k.key() + ": \"" + k.badExample() + "\"\n" + (URL_PARTS.contains(k.key()) ? (k.key().equals("url") ? "" : "database: app\n")
                : "url: postgres://app@db/app\n");
        try {
            ConfigBinder.fromYaml(yaml, "sluice.yaml", Map.of()).build();
        } catch (ConfigException e) {
            return "`" + e.getMessage().replace("|", "\\|").replace("`", "'") + "`";
        }
        throw new AssertionError("ConfigKey " + k.key() + ": its bad example '" + k.badExample() + "' is accepted; give one that is refused");
    }
}
