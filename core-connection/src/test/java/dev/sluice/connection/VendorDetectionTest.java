package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.internal.DatabaseUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VendorDetectionTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://127.0.0.1:5432/app, POSTGRESQL",
        "jdbc:postgresql:app, POSTGRESQL",
        "postgres://u:p@127.0.0.1/app, POSTGRESQL",
        "postgresql://127.0.0.1:6543/app?sslmode=require, POSTGRESQL",
        "jdbc:mysql://127.0.0.1:3306/app, MYSQL",
        "mysql://root@127.0.0.1/app, MYSQL",
        "mariadb://root@127.0.0.1:3307/app, MYSQL",
        "jdbc:sqlite:/tmp/app.db, SQLITE",
        "sqlite:app.db, SQLITE",
        "sqlite:///var/data/app.db, SQLITE",
        "file:app.db, SQLITE",
        "data/app.db, SQLITE",
        "/abs/app.sqlite3, SQLITE",
        ":memory:, SQLITE",
    })
    void detectsTheVendorOfEveryUrlForm(String url, Vendor expected) {
        assertThat(Vendor.fromUrl(url)).isEqualTo(expected);
    }

    @Test
    void databaseUrlStyleBecomesJdbcWithoutCredentials() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://alice:s%40cret@db.local:6543/shop?sslmode=require", "url");
        // TLS parameters are kept apart: ConnectionConfig turns them into its ssl settings
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/shop");
        assertThat(u.tlsParams()).containsEntry("sslmode", "require");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("s@cret");
        assertThat(u.host()).isEqualTo("db.local");
        assertThat(u.port()).isEqualTo(6543);
        assertThat(u.database()).isEqualTo("shop");
        assertThat(u.toString()).doesNotContain("s@cret");
    }

    @Test
    void aPasswordGivenTwiceIsRejectedWithoutShowingEither() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://alice:first@h/db?password=second", "DATABASE_URL"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("the password is given twice")
                .hasMessageNotContaining("first")
                .hasMessageNotContaining("second");
    }

    @Test
    void mariadbSchemeUsesConnectorJ() {
        DatabaseUrl u = DatabaseUrl.parse("mariadb://root@127.0.0.1:3306/test", "url");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:3306/test");
    }

    @Test
    void secretDriverParametersAreMovedOutOfTheUrl() {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h/db?sslpassword=k3y&user=bob&password=pw&ApplicationName=x", "url");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?ApplicationName=x");
        assertThat(u.secretParams()).containsEntry("sslpassword", "k3y");
        assertThat(u.user()).isEqualTo("bob");
        assertThat(u.password()).isEqualTo("pw");
    }

    @Test
    void sqlitePathsAreKeptAsGiven() {
        assertThat(DatabaseUrl.parse("sqlite:///var/data/app.db", "url").jdbcUrl()).isEqualTo("jdbc:sqlite:/var/data/app.db");
        assertThat(DatabaseUrl.parse("sqlite:rel/app.db", "url").jdbcUrl()).isEqualTo("jdbc:sqlite:rel/app.db");
        assertThat(DatabaseUrl.parse("file:app.db", "url").database()).isEqualTo("app.db");
        assertThat(DatabaseUrl.parse("app.db", "url").jdbcUrl()).isEqualTo("jdbc:sqlite:app.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle://scott:tiger@h/db", "jdbc:oracle:thin:@h:1521:x", "http://example", "just-a-word", "mongodb://h/db"})
    void unsupportedSchemesAreRejectedWithTheSupportedList(String url) {
        assertThatThrownBy(() -> Vendor.fromUrl(url))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url")
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("tiger");
    }

    @Test
    void malformedPortIsRejectedNamingThePort() {
        assertThatThrownBy(() -> Vendor.fromUrl("postgres://u:hunter2@127.0.0.1:54x2/db"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port '54x2' must be a number from 1 to 65535")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Vendor.fromUrl("mysql://127.0.0.1:70000/db"))
                .hasMessageContaining("port '70000'");
    }

    @Test
    void missingHostAndEmptyUrlAreRejected() {
        assertThatThrownBy(() -> Vendor.fromUrl("postgres:///db")).hasMessageContaining("a host is required");
        assertThatThrownBy(() -> Vendor.fromUrl("  ")).hasMessageStartingWith("Missing url");
        assertThatThrownBy(() -> Vendor.fromUrl("sqlite:")).hasMessageContaining("needs a file path");
    }

    @Test
    void jdbcMariadbIsRejectedWithTheWayToWriteIt() {
        assertThatThrownBy(() -> Vendor.fromUrl("jdbc:mariadb://h/db")).hasMessageContaining("MySQL Connector/J")
                .hasMessageContaining("mariadb://");
    }

    @Test
    void vendorNames() {
        assertThat(Vendor.fromName("Postgres")).isEqualTo(Vendor.POSTGRESQL);
        assertThat(Vendor.fromName("mariadb")).isEqualTo(Vendor.MYSQL);
        assertThatThrownBy(() -> Vendor.fromName("db2")).hasMessage(
                "Invalid vendor 'db2': one of postgresql, mysql (also for MariaDB), sqlite");
    }

    @Test
    void driverCoordinatesComeFromTheBuild() {
        assertThat(Vendor.POSTGRESQL.driverCoordinates()).matches("org\\.postgresql:postgresql:\\d+\\.\\d+\\.\\d+");
        assertThat(Vendor.MYSQL.driverCoordinates()).startsWith("com.mysql:mysql-connector-j:");
        assertThat(Vendor.SQLITE.driverCoordinates()).startsWith("org.xerial:sqlite-jdbc:");
    }
}
