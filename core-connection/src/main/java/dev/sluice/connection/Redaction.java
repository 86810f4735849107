package dev.sluice.connection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may be shown to people: URLs, driver messages, stack trace messages. Sluice passes
 * every URL and every message it logs or throws through here; tools do the same with anything they print.
 *
 * <p>It masks the password of {@code user:password@host} user info, and the value of query or property parameters
 * whose name suggests a secret ({@code password}, {@code sslpassword}, {@code pwd}, {@code secret}, {@code token},
 * {@code sslkey}...).
 */
public final class Redaction {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    // scheme://user:secret@host  (the user part may be empty; the secret stops at '@')
    private static final Pattern USER_INFO = Pattern.compile("(://[^/\\s:@]*:)([^@\\s/]*)@");
    // ?password=..., &sslpassword=..., ;pwd=..., password: ... in YAML-like text, "password" = ... in JSON-ish text
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:^|[?&;,\\s{(\"'])\\\"?(?:[a-z_.-]*password|pwd|pass|passwd|secret|[a-z_.-]*token|sslkey|api[_-]?key)\\\"?\\s*[=:]\\s*\\\"?)([^&;,\\s\"'})]+)");

    private Redaction() {}

    /**
     * Returns {@code text} with every secret it recognises replaced by {@value #MASK}; {@code null} stays {@code null}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        out = SECRET_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return out;
    }
}
