package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The role a pool runs as must be a real, usable role: a keyword of SET ROLE ({@code none}...) is rejected when the
 * configuration is built (SET ROLE none left the session as the superuser login, so row-level security did nothing),
 * and at connect the role must exist, be usable by the login user and, on PostgreSQL, not be a superuser.
 */
class RoleIT {

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "all", "default", "public", "current_user", "session_user", "current_role"})
    void keywordsOfSetRoleAreNotRoles(String role) {
        assertThatThrownBy(() -> ConnectionConfig.builder().url("postgres://app@127.0.0.1/db").role(role))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid role '" + role + "'").hasMessageContaining("keyword of SET ROLE");
    }

    static void admin(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.server().admin().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void postgresRoleMustExistAndNotBeASuperuser() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String suffix = db.name().substring(db.name().length() - 8);
            String su = "sluice_t_su_" + suffix;
            String app = "sluice_t_app_" + suffix;
            admin(db, "CREATE ROLE " + su + " NOLOGIN SUPERUSER");
            admin(db, "CREATE ROLE " + app + " NOLOGIN NOSUPERUSER");
            try {
                assertThatThrownBy(() -> ConnectionManager.connect(db.configBuilder().role("sluice_t_missing_" + suffix).build()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("Invalid role 'sluice_t_missing_" + suffix + "'")
                        .hasMessageContaining("does not exist");
                assertThatThrownBy(() -> ConnectionManager.connect(db.configBuilder().role(su).build()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("a role without SUPERUSER");
                // BACKGROUND start does not hide it either: it is a configuration error, not a database that is down
                assertThatThrownBy(() -> ConnectionManager.connect(db.configBuilder().role(su).startup(StartupMode.BACKGROUND).build()))
                        .isInstanceOf(ConfigException.class);
                try (ConnectionManager m = ConnectionManager.connect(db.configBuilder().role(app).build());
                        Connection c = m.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(app);
                }
            } finally {
                admin(db, "DROP ROLE IF EXISTS " + su);
                admin(db, "DROP ROLE IF EXISTS " + app);
            }
        }
    }

    @Test
    void mariadbRoleMustExist() {
        try (TestDatabase db = TestDatabases.mysql()) {
            assertThatThrownBy(() -> ConnectionManager.connect(db.configBuilder().role("sluice_t_no_such_role").build()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Invalid role 'sluice_t_no_such_role'")
                    .hasMessageContaining("SET ROLE failed");
        }
    }
}
