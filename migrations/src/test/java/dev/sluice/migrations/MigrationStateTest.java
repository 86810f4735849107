package dev.sluice.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sluice's migration states say what Flyway's say: the same word, applied and failed alike. */
class MigrationStateTest {
    @Test
    void everyFlywayStateMapsToOneOfTheSameMeaning() {
        for (org.flywaydb.core.api.MigrationState f : org.flywaydb.core.api.MigrationState.values()) {
            MigrationState s = MigrationState.of(f);
            assertThat(s.displayName()).as(f.name()).isEqualTo(f.getDisplayName());
            assertThat(s.isApplied()).as(f.name()).isEqualTo(f.isApplied());
            assertThat(s.isFailed()).as(f.name()).isEqualTo(f.isFailed());
        }
        assertThat(MigrationState.of(org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS)).isEqualTo(MigrationState.FUTURE);
        assertThat(MigrationState.of(org.flywaydb.core.api.MigrationState.MISSING_SUCCESS)).isEqualTo(MigrationState.MISSING);
    }
}
