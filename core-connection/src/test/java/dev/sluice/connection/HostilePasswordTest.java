package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords written unencoded in a URL, with the characters that used to cut the masking short ({@code / @ : ? # %}
 * and space): they are parsed whole, and no part of them appears in what may be shown.
 */
class HostilePasswordTest {

    /** Passwords whose parts around each special character are distinctive, so a partial leak is caught too. */
    static List<String> passwords() {
        return List.of("Zq81a/Yw72b", "Zq81a@Yw72b@Xv63c", "Zq81a:Yw72b", "Zq81a?Yw72b", "Zq81a#Yw72b", "Zq81a%Yw72b",
                "Zq81a Yw72b", "Zq81a%ceYw72b", "Zq81a/b@c:d?e#f%g hYw72b");
    }

    static void assertHidden(String text, String password) {
        assertThat(text).doesNotContain(password).doesNotContain("Zq81a").doesNotContain("Yw72b").doesNotContain("Xv63c");
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void anUnencodedPasswordIsParsedWholeAndNeverShown(String password) {
        for (String scheme : new String[] {"postgres", "mysql", "jdbc:postgresql", "jdbc:mysql"}) {
            String url = scheme + "://app:" + password + "@db.example.test:5433/shop?connectTimeout=5";
            ConnectionConfig c = ConnectionConfig.fromUrl(url);
            assertThat(c.password()).as(url).isEqualTo(password);
            assertThat(c.user()).isEqualTo("app");
            assertThat(c.host()).isEqualTo("db.example.test");
            assertThat(c.port()).isEqualTo(5433);
            assertThat(c.database()).isEqualTo("shop");
            assertHidden(c.toString(), password);
            assertHidden(c.redactedUrl(), password);
            assertHidden(c.jdbcUrl(), password);
            assertHidden(Redaction.redact("failed to connect to " + url + " today"), password);
            assertHidden(Redaction.redactUrl(url), password);
        }
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void aBadUrlWithSuchAPasswordFailsWithoutShowingIt(String password) {
        String url = "postgres://app:" + password + "@db.example.test:54x3/shop";
        assertThatThrownBy(() -> ConnectionConfig.fromUrl(url)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertHidden(e.getMessage(), password));
        String noHost = "postgres://app:" + password + "@/shop";
        assertThatThrownBy(() -> ConnectionConfig.fromUrl(noHost)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertHidden(e.getMessage(), password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1", "password2", "password3"})
    void mysqlMultiFactorPasswordsAreTakenOutOfTheUrl(String parameter) {
        String url = "mysql://app@db.example.test/shop?" + parameter + "=Zq81a%2FYw72b&useUnicode=true";
        ConnectionConfig c = ConnectionConfig.fromUrl(url);
        assertThat(c.driverProperties()).containsEntry(parameter, "Zq81a/Yw72b");
        assertHidden(c.jdbcUrl(), "Zq81a/Yw72b");
        assertHidden(c.toString(), "Zq81a/Yw72b");
        assertHidden(Redaction.redact("url was " + url), "Zq81a/Yw72b");
        assertHidden(Redaction.redact(parameter + "=Zq81a/Yw72b"), "Zq81a/Yw72b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://app:s%2Fcret@h/db", "postgres://app@h/db?password=s%2Fcret"})
    void wellFormedPercentEncodingIsStillDecoded(String url) {
        assertThat(ConnectionConfig.fromUrl(url).password()).isEqualTo("s/cret");
    }

    @org.junit.jupiter.api.Test
    void anAtSignInAQueryParameterIsNotTakenForUserInfo() {
        ConnectionConfig c = ConnectionConfig.fromUrl("postgres://h.example.test/db?ApplicationName=me@home");
        assertThat(c.host()).isEqualTo("h.example.test");
        assertThat(c.user()).isNull();
        assertThat(c.database()).isEqualTo("db");
    }

    @org.junit.jupiter.api.Test
    void aNulCharacterIsRejected() {
        assertThatThrownBy(() -> ConnectionConfig.fromUrl("sqlite:/tmp/app\0.db")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NUL").hasMessageContaining("app\\0.db");
        assertThatThrownBy(() -> ConnectionConfig.builder().vendor(Vendor.SQLITE).database("/tmp/a\0b.db").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> ConnectionConfig.fromUrl("postgres://h/db\0x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NUL");
    }
}
