package dev.sluice.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.tools.SluiceCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile} / {@code SLUICE_PROFILE} and {@code .env} on the CLI, against the local PostgreSQL. */
class ProfileCliTest {
    private static final String SECRET = "dotenv-secret-4242";

    @TempDir
    Path dir;

    @Test
    void aProdProfileWithoutTlsFailsWithOneLineNamingTheKey() throws Exception {
        Path base = dir.resolve("sluice.yaml");
        Files.writeString(base, "url: postgres://app@127.0.0.1:5432/test\n");
        Files.writeString(dir.resolve("sluice-prod.yaml"), "pool:\n  max: 5\n");
        for (Result r : new Result[] {SluiceCliTest.run("check", "--config", base.toString(), "--profile", "prod"),
            SluiceCliTest.run(Map.of("SLUICE_PROFILE", "prod"), "check", "--config", base.toString())}) {
            assertThat(r.code()).isEqualTo(Sluice.BAD_INPUT);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).containsExactly("error: prod profile refuses ssl.mode disable (the default): the connection to "
                    + "127.0.0.1 would not be encrypted; set ssl.mode to require, verify-ca or verify-full (or list it under allow-unsafe "
                    + "in sluice-prod.yaml)");
        }
        // an explicit --url wins over SLUICE_PROFILE from the environment, not over an explicit --profile
        Result url = SluiceCliTest.run(Map.of("SLUICE_PROFILE", "prod"), "check", "--url", "sqlite:" + dir.resolve("u.db"));
        assertThat(url.code()).as(url.err()).isZero();
        Result both = SluiceCliTest.run("check", "--profile", "prod", "--config", base.toString(), "--url", "sqlite:" + dir.resolve("u.db"));
        assertThat(both.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(both.err()).startsWith("error: Both --url and the prod profile are given");
        // the dev profile does not check, and connects
        Files.writeString(dir.resolve("sluice-dev.yaml"), "url: postgres://postgres@127.0.0.1:5432/test\npool:\n  max: 2\n");
        Result dev = SluiceCliTest.run("check", "--config", base.toString(), "--profile", "dev");
        assertThat(dev.code()).as(dev.err()).isZero();
    }

    @Test
    void dotEnvValuesAreUsedAndNeverPrinted() throws Exception {
        Files.writeString(dir.resolve(".env"), "APP_DB_PASSWORD=" + SECRET + "\nPOOL_MAX=3\n");
        Path base = dir.resolve("sluice.yaml");
        Files.writeString(base, "url: postgres://postgres@127.0.0.1:5432/test\npassword: ${APP_DB_PASSWORD}\npool:\n  max: ${POOL_MAX}\n");
        Files.writeString(dir.resolve("sluice-staging.yaml"), "pool:\n  min: 1\n");

        Result stats = SluiceCliTest.run("stats", "--config", base.toString(), "--profile", "staging", "--json", "--queries", "1", "--verbose");
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("\"max\":3,\"min\":1");
        assertThat(stats.out() + stats.err()).doesNotContain(SECRET);

        // a .env value that is wrong is named by its key and line, its value masked
        Files.writeString(dir.resolve(".env"), "APP_DB_PASSWORD=" + SECRET + "\nPOOL_MAX=" + SECRET + "\n");
        Result bad = SluiceCliTest.run("check", "--config", base.toString(), "--verbose");
        assertThat(bad.code()).isEqualTo(Sluice.BAD_INPUT);
        assertThat(bad.err()).startsWith("error: Invalid pool.max '***' (from " + base + " line 4: pool.max)").doesNotContain(SECRET);
    }
}
