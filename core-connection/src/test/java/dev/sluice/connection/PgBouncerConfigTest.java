package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.internal.VendorDescriptor;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code pgbouncer} and {@code migration-url} settings: parsing, checks, what they change, what they never show. */
class PgBouncerConfigTest {
    private static final String YAML = "url: postgres://app@bouncer:6432/app\n"
            + "password: app-secret-1\n"
            + "pgbouncer: transaction\n"
            + "migration-url: postgres://owner:owner-secret-2@db:5432/app\n";

    @Test
    void yamlSetsTheModeAndTheMigrationUrl() {
        ConnectionConfig c = ConnectionConfig.fromYaml(YAML, "sluice.yaml");
        assertThat(c.pgBouncer()).contains(PgBouncerMode.TRANSACTION);
        assertThat(c.redactedMigrationUrl()).contains("jdbc:postgresql://db:5432/app");
        assertThat(c.toString()).contains("pgbouncer=transaction", "migration-url=jdbc:postgresql://db:5432/app")
                .doesNotContain("app-secret-1", "owner-secret-2");
    }

    @Test
    void transactionModeTurnsOffServerPreparedStatementsUnlessTheUserTurnsThemOn() {
        ConnectionConfig c = ConnectionConfig.fromYaml(YAML, "sluice.yaml");
        Properties p = VendorDescriptor.of(Vendor.POSTGRESQL).driverProperties(c);
        assertThat(p.getProperty("prepareThreshold")).isEqualTo("0");
        ConnectionConfig pgbouncer121 = c.toBuilder().driverProperty("prepareThreshold", "5").build();
        assertThat(VendorDescriptor.of(Vendor.POSTGRESQL).driverProperties(pgbouncer121).getProperty("prepareThreshold")).isEqualTo("5");
        ConnectionConfig session = c.toBuilder().pgBouncer(PgBouncerMode.SESSION).build();
        assertThat(VendorDescriptor.of(Vendor.POSTGRESQL).driverProperties(session).getProperty("prepareThreshold")).isNull();
    }

    @Test
    void forMigrationsUsesTheMigrationUrlWithItsOwnCredentials() {
        ConnectionConfig c = ConnectionConfig.fromYaml(YAML, "sluice.yaml");
        ConnectionConfig m = c.forMigrations();
        assertThat(m.host()).isEqualTo("db");
        assertThat(m.port()).isEqualTo(5432);
        assertThat(m.user()).isEqualTo("owner");
        assertThat(m.password()).isEqualTo("owner-secret-2");
        assertThat(m.pgBouncer()).isEmpty();
        assertThat(m.redactedMigrationUrl()).isEmpty();
        assertThat(m.name()).isEqualTo(c.name() + "-migrations");
        ConnectionConfig noUser = ConnectionConfig.fromYaml(YAML.replace("owner:owner-secret-2@", ""), "sluice.yaml").forMigrations();
        assertThat(noUser.user()).as("the application's user when the migration URL names none").isEqualTo("app");
        ConnectionConfig plain = ConnectionConfig.fromUrl("postgres://app@db:5432/app");
        assertThat(plain.forMigrations()).isSameAs(plain);
    }

    @Test
    void migrationsThroughATransactionModePoolerFailInOneLineNamingTheSetting() {
        ConnectionConfig c = ConnectionConfig.fromYaml("url: postgres://app@bouncer:6432/app\npgbouncer: transaction\n", "sluice.yaml");
        assertThatThrownBy(c::forMigrations).isInstanceOf(ConfigException.class)
                .hasMessage("Migrations cannot run through PgBouncer in transaction mode (pgbouncer: transaction, url "
                        + "jdbc:postgresql://bouncer:6432/app): set migration-url to PostgreSQL itself or to a session-mode pool")
                .extracting(e -> ((ConfigException) e).property()).isEqualTo("migration-url");
        ConnectionConfig session = ConnectionConfig.fromYaml("url: postgres://app@bouncer:6432/app\npgbouncer: session\n", "s.yaml");
        assertThat(session.forMigrations()).isSameAs(session);
        session.requireOwnSessions("Seeds");
    }

    @Test
    void badCombinationsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ConnectionConfig.fromYaml("url: postgres://a@h/db\npgbouncer: statement\n", "s.yaml"))
                .hasMessage("Invalid pgbouncer 'statement' (from s.yaml line 2: pgbouncer): transaction or session (PgBouncer's pool_mode; statement mode is "
                        + "not supported)");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("mariadb://root@h/db").pgBouncer(PgBouncerMode.TRANSACTION).build())
                .hasMessage("Invalid pgbouncer 'transaction': PgBouncer pools PostgreSQL only; remove pgbouncer for a MySQL URL");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://a@h/db").pgBouncer(PgBouncerMode.TRANSACTION).role("sluice_app").build())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid role 'sluice_app': no role with pgbouncer: transaction");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://a@h/db").migrationUrl("mysql://root:pw-3@h/db").build())
                .hasMessageStartingWith("Invalid migration-url 'jdbc:mysql://h/db'").hasMessageContaining("same vendor as url")
                .hasMessageNotContaining("pw-3");
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://a@h/db").migrationUrl("ftp://x"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid migration-url");
    }

    @Test
    void theGaleraClusterOfTheOperationsPageParses() {
        String yaml = "name: galera\nhealth:\n  interval: 500ms\n  timeout: 400ms\n  unhealthy-threshold: 3\nnodes:\n"
                + "  - {id: node1, url: 'mariadb://app@galera-1.internal:3306/app', role: peer}\n"
                + "  - {id: node2, url: 'mariadb://app@galera-2.internal:3306/app', role: peer}\n"
                + "  - {id: node3, url: 'mariadb://app@galera-3.internal:3306/app', role: peer}\n"
                + "password: ${APP_DB_PASSWORD}\n";
        ClusterConfig c = ClusterConfig.fromYaml(yaml, "galera.yaml", Map.of("APP_DB_PASSWORD", "pw"));
        assertThat(c.nodes()).extracting(NodeConfig::role).containsOnly(NodeRole.PEER);
        assertThat(c.nodes().get(2).connection().health().unhealthyThreshold()).isEqualTo(3);
    }
}
