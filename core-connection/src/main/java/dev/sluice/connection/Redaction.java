package dev.sluice.connection;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes secrets from text that may be shown to people: URLs, driver messages, stack trace messages, log lines.
 * Sluice passes every URL and every message it logs or throws through here; tools do the same with anything they
 * print.
 *
 * <p>Masking works from what was parsed, not from what a secret is guessed to look like:
 *
 * <ol>
 *   <li>every password and secret parameter Sluice parses (from a URL, a builder, the environment, a YAML file) is
 *       {@linkplain #remember(String) remembered}, and each occurrence of it, as given or percent-encoded, is masked
 *       wherever it appears, whatever characters it contains ({@code / @ : ? # % space});
 *   <li>a URL's user info ({@code scheme://user:secret@host}) is masked up to the last {@code @} of the URL, so a
 *       password containing {@code @} or {@code /} is masked whole;
 *   <li>the values of parameters whose name says secret ({@code password}, {@code password1..3}, {@code sslpassword},
 *       {@code pwd}, {@code secret}, {@code ...token}, {@code sslkey}, {@code api-key}) are masked up to the next
 *       separator.
 * </ol>
 */
public final class Redaction {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Secrets shorter than this are masked only where they stand as a URL or parameter value, not everywhere. */
    private static final int MIN_LITERAL = 3;
    private static final int MAX_REMEMBERED = 1024;
    private static final Map<String, Boolean> SECRETS = new ConcurrentHashMap<>();

    private Redaction() {}

    /**
     * Remembers a secret (a password, a secret driver parameter), so that {@link #redact(String)} masks it wherever it
     * appears from now on. Sluice calls this for every secret it parses; tools call it for secrets they read
     * themselves. {@code null} and empty values are ignored.
     */
    public static void remember(String secret) {
        if (secret == null || secret.length() < MIN_LITERAL) {
            return;
        }
        if (SECRETS.size() >= MAX_REMEMBERED) {
            SECRETS.clear(); // bounded; the newest secrets are the ones in use
        }
        SECRETS.put(secret, Boolean.TRUE);
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        if (!encoded.equals(secret)) {
            SECRETS.put(encoded, Boolean.TRUE);
            SECRETS.put(encoded.replace("+", "%20"), Boolean.TRUE);
        }
    }

    /**
     * Returns {@code text} with every secret it knows or recognises replaced by {@value #MASK}; {@code null} stays
     * {@code null}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!SECRETS.isEmpty()) {
            // longest first, so a secret that contains another is masked whole
            String[] known = SECRETS.keySet().toArray(String[]::new);
            java.util.Arrays.sort(known, java.util.Comparator.comparingInt(String::length).reversed());
            for (String secret : known) {
                if (out.contains(secret)) {
                    out = out.replace(secret, MASK);
                }
            }
        }
        out = maskUserInfo(out);
        return maskSecretParameters(out);
    }

    /**
     * A URL as it may be shown when it could not be parsed: everything between {@code ://} and the last {@code @} is
     * masked (the user info, whatever it contains), and the rest is {@linkplain #redact(String) redacted}.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        String masked = scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + MASK + url.substring(at) : url;
        return redact(masked);
    }

    // scheme://user:secret@host: in free text a URL ends at white space or a quote; its user info ends at its last '@'
    private static String maskUserInfo(String text) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int copied = 0;
        while (scheme >= 0) {
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !isUrlEnd(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (at >= start && colon >= 0 && colon < at) { // user:password@: keep the user, mask the password
                sb.append(text, copied, colon + 1).append(MASK);
                copied = at;
            }
            scheme = text.indexOf("://", Math.max(end, start));
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static boolean isUrlEnd(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == ']' || c == ')';
    }

    // name=value, name: value, "name": "value" where the name says secret; the value ends at the next separator
    private static String maskSecretParameters(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!isNameChar(c) || (i > 0 && isNameChar(text.charAt(i - 1)))) {
                sb.append(c);
                i++;
                continue;
            }
            int nameEnd = i;
            while (nameEnd < n && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            sb.append(text, i, nameEnd);
            if (!isSecretName(text.substring(i, nameEnd))) {
                i = nameEnd;
                continue;
            }
            int j = nameEnd;
            if (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
                j++;
            }
            while (j < n && text.charAt(j) == ' ') {
                j++;
            }
            if (j >= n || (text.charAt(j) != '=' && text.charAt(j) != ':')) {
                i = nameEnd;
                continue;
            }
            j++;
            while (j < n && text.charAt(j) == ' ') {
                j++;
            }
            if (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
                j++;
            }
            int valueEnd = j;
            while (valueEnd < n && !isValueEnd(text.charAt(valueEnd))) {
                valueEnd++;
            }
            sb.append(text, nameEnd, j);
            if (valueEnd > j && !text.startsWith(MASK, j)) {
                sb.append(MASK);
            } else {
                sb.append(text, j, valueEnd);
            }
            i = valueEnd;
        }
        return sb.toString();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ';' || c == ',' || c == '"' || c == '\'' || c == '}' || c == ')';
    }

    /** Whether a parameter name says its value is a secret ({@code password}, {@code sslpassword}, {@code token}...). */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = Math.max(n.lastIndexOf('.'), n.lastIndexOf('_'));
        String last = dot >= 0 ? n.substring(dot + 1) : n;
        return n.endsWith("password") || n.matches(".*password\\d") || last.equals("pwd") || last.equals("pass")
                || last.equals("passwd") || n.endsWith("secret") || n.endsWith("token") || n.equals("sslkey")
                || n.equals("apikey") || n.equals("api_key") || n.equals("api-key");
    }
}
