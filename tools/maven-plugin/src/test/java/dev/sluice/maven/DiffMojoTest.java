package dev.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffMojoTest {
    @Test
    void theNextVersionFollowsTheCurrentOne() {
        assertThat(DiffMojo.next(null)).isEqualTo("1");
        assertThat(DiffMojo.next("3")).isEqualTo("4");
        assertThat(DiffMojo.next("1.9")).isEqualTo("1.10");
        assertThat(DiffMojo.next("20260101")).isEqualTo("20260102");
    }
}
