package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import org.junit.jupiter.api.Test;

/** BulkOptions and SqlStatement reject bad values at once, naming the value and what is allowed. */
class BulkOptionsTest {
    @Test
    void badValuesAreRejectedWhenSet() {
        assertThat(BulkOptions.defaults()).isEqualTo(new BulkOptions(ConflictPolicy.FAIL, 1000, ProgressListener.NONE));
        assertThat(BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).batchSize(5).build().toBuilder().build())
                .extracting(BulkOptions::conflict, BulkOptions::batchSize).containsExactly(ConflictPolicy.SKIP_EXISTING, 5);
        assertThatThrownBy(() -> BulkOptions.builder().batchSize(0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bulk.batch-size '0'").hasMessageContaining("from 1 to 100000");
        assertThatThrownBy(() -> BulkOptions.builder().conflict(null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing bulk.conflict").hasMessageContaining("FAIL, SKIP_EXISTING");
        assertThatThrownBy(() -> BulkOptions.builder().progress(null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ProgressListener.NONE");
        assertThatThrownBy(() -> SqlStatement.of(" ")).isInstanceOf(ConfigException.class).hasMessageContaining("one SQL statement");
        assertThatThrownBy(() -> SqlStatement.of("SELECT 1").maxRows(0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max rows '0'");
        assertThat(SqlStatement.of(" SELECT 1 ").allowWrites(true).maxRows(5))
                .extracting(SqlStatement::sql, SqlStatement::writesAllowed, SqlStatement::maxRows).containsExactly("SELECT 1", true, 5);
    }
}
