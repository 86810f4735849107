package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The command lines the backup tools are started with carry no password (anyone may read them with {@code ps}); the
 * password goes in the tool's environment, and the connection is the configured one.
 */
class BackupToolTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @Test
    void postgresPasswordOnlyInPgpassword() {
        ConnectionConfig config = ConnectionConfig.builder().url("postgres://app:" + SECRET + "@db.internal:6543/shop")
                .role("shop_app").build();
        for (BackupTool.Invocation i : new BackupTool.Invocation[] {
            PostgresBackupTool.dump(Path.of("/usr/bin/pg_dump"), config, Path.of("/tmp/shop.dump")),
            PostgresBackupTool.restore(Path.of("/usr/bin/pg_restore"), config, Path.of("/tmp/shop.dump"))}) {
            assertThat(String.join(" ", i.command())).doesNotContain(SECRET);
            assertThat(i.environment()).containsEntry("PGPASSWORD", SECRET).containsEntry("PGHOST", "db.internal")
                    .containsEntry("PGPORT", "6543").containsEntry("PGUSER", "app").containsEntry("PGDATABASE", "shop");
            assertThat(i.command()).contains("--role=shop_app", "--no-password");
        }
    }

    @Test
    void mysqlPasswordOnlyInMysqlPwd() {
        ConnectionConfig config = ConnectionConfig.builder().url("mariadb://app:" + SECRET + "@db.internal:3307/shop").build();
        for (BackupTool.Invocation i : new BackupTool.Invocation[] {
            MySqlBackupTool.dump(Path.of("/usr/bin/mariadb-dump"), config, Path.of("/tmp/shop.sql")),
            MySqlBackupTool.load(Path.of("/usr/bin/mysql"), config)}) {
            assertThat(String.join(" ", i.command())).doesNotContain(SECRET);
            assertThat(i.environment()).containsExactlyEntriesOf(java.util.Map.of("MYSQL_PWD", SECRET));
            assertThat(i.command()).contains("--host=db.internal", "--port=3307", "--user=app", "--protocol=TCP");
        }
        assertThat(MySqlBackupTool.dump(Path.of("/usr/bin/mariadb-dump"), config, Path.of("/tmp/shop.sql")).command())
                .contains("--single-transaction", "--skip-ssl").endsWith("shop");
        assertThat(MySqlBackupTool.load(Path.of("/usr/bin/mysql"), config).command()).contains("--ssl-mode=DISABLED");
    }
}
