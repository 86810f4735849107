package dev.sluice.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.MissingDriverException;
import dev.sluice.connection.Vendor;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void badInputIsAnExecutionErrorAndAFailedOperationAFailure() {
        assertThat(Failures.translate("sluice:info", new ConfigException("url", "x", "a URL"), null)).isInstanceOf(MojoExecutionException.class);
        assertThat(Failures.translate("sluice:info", new MissingDriverException(Vendor.SQLITE, "org.sqlite.JDBC", "a:b:1"), null))
                .isInstanceOf(MojoExecutionException.class);
        assertThat(Failures.translate("sluice:info", new IllegalStateException("broken"), null)).isInstanceOf(MojoFailureException.class);
    }

    @Test
    void theMessageIsOneLineWithoutThePasswordAndWithoutTheCause() {
        Exception e = Failures.translate("sluice:migrate", new ConnectionFailedException(FailureReason.values()[0],
                "Cannot reach postgres://app:hunter22@db:5432/app\nsecond line with hunter22", new RuntimeException("cause text")), "hunter22");
        assertThat(e.getMessage()).startsWith("sluice:migrate: Cannot reach postgres://app:***@db:5432/app").doesNotContain("hunter22")
                .doesNotContain("\n");
        assertThat(e.getCause()).isNull();
    }
}
