package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Redaction;
import dev.sluice.connection.Vendor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed database URL: the vendor, a JDBC URL with every credential taken out, and the credentials and secret
 * parameters on their own. Credentials never stay in the JDBC URL, so nothing that logs or prints that URL (HikariCP,
 * drivers, our own messages) can leak them.
 *
 * @param vendor the detected vendor
 * @param jdbcUrl the JDBC URL without user, password or secret parameters
 * @param host the host, or {@code null} (SQLite, or a JDBC URL form we pass through untouched)
 * @param port the port, or {@code -1} when not given
 * @param database the database name (SQLite: the file path), or {@code null}
 * @param user the user from the URL, or {@code null}
 * @param password the password from the URL, or {@code null}
 * @param secretParams secret driver parameters taken out of the URL ({@code sslpassword}...)
 * @param tlsParams parameters that decide TLS ({@code sslmode}, {@code sslMode}, {@code sslfactory}...), taken out of
 *     the URL so that they cannot silently override the configured TLS settings (see {@link VendorDescriptor#tls})
 */
public record DatabaseUrl(
        Vendor vendor,
        String jdbcUrl,
        String host,
        int port,
        String database,
        String user,
        String password,
        Map<String, String> secretParams,
        Map<String, String> tlsParams) {

    /**
     * Secret driver parameters that are moved out of the URL into driver properties: those of every vendor, so that one
     * given to the wrong driver by mistake does not stay in a URL that gets logged either.
     */
    private static final java.util.Set<String> SECRET_PARAMS = VendorDescriptor.all().stream()
            .flatMap(d -> d.secretParameters().stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A host, a host:port, a bracketed IPv6 address or a comma-separated list of them, then the path, query or end. */
    private static final java.util.regex.Pattern AUTHORITY = java.util.regex.Pattern.compile("[A-Za-z0-9._\\-,:\\[\\]%]*(?=[/?]|$)");

    /** What the URL may look like, for messages: every descriptor's URL forms, JDBC subprotocols and paths. */
    private static final String SUPPORTED = supported();

    /** Compact constructor: makes the secret map immutable. */
    public DatabaseUrl {
        secretParams = Map.copyOf(secretParams);
        tlsParams = Map.copyOf(tlsParams);
    }

    /** The URL as it may be shown: the JDBC URL, which has no credentials, redacted once more for safety. */
    public String redacted() {
        return Redaction.redact(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + vendor + " " + redacted() + (user == null ? "" : " user=" + user)
                + (password == null ? "" : " password=" + Redaction.MASK) + "]";
    }

    /**
     * Parses any URL form Sluice accepts.
     *
     * @param url the URL as given by the user
     * @param property the configuration property it came from, for messages ({@code url}, {@code DATABASE_URL})
     * @throws ConfigException when the URL is empty, malformed or of an unsupported scheme
     */
    public static DatabaseUrl parse(String url, String property) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(property, null, SUPPORTED);
        }
        String u = url.trim();
        if (u.indexOf('\0') >= 0) {
            throw new ConfigException(property, Redaction.redactUrl(u).replace("\0", "\\0"),
                    "contains a NUL character (\\0), which no database accepts in a name or path; remove it");
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return parseJdbc(u, lower, property);
        }
        int colon = u.indexOf(':');
        String scheme = colon > 0 ? lower.substring(0, colon) : "";
        if (scheme.matches("[a-z][a-z0-9+.-]*")) {
            for (VendorDescriptor d : VendorDescriptor.all()) {
                for (String form : d.urlForms()) {
                    if (lower.startsWith(form)) {
                        return d.parseUrl(u, colon, property);
                    }
                }
            }
            if (u.startsWith("://", colon)) {
                throw new ConfigException(property, shown(u), "unsupported scheme '" + scheme + "'; use " + SUPPORTED);
            }
        }
        for (VendorDescriptor d : VendorDescriptor.all()) {
            if (d.recognisesPath(lower)) {
                return d.parsePath(u, property);
            }
        }
        throw new ConfigException(property, shown(u), "not a database URL; use " + SUPPORTED);
    }

    private static String supported() {
        List<String> forms = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (VendorDescriptor d : VendorDescriptor.all()) {
            forms.addAll(d.urlForms());
            if (d.pathForm() != null) {
                paths.add(d.pathForm());
            }
        }
        for (VendorDescriptor d : VendorDescriptor.all()) {
            forms.add("jdbc:" + d.jdbcSubprotocol() + ":");
        }
        StringBuilder sb = new StringBuilder("a URL starting with ")
                .append(String.join(", ", forms.subList(0, forms.size() - 1))).append(" or ").append(forms.get(forms.size() - 1));
        paths.forEach(p -> sb.append(", or ").append(p));
        return sb.toString();
    }

    /** The URL as it may appear in an error: the user info masked whole, whatever characters the password has. */
    static String shown(String url) {
        return Redaction.redactUrl(url);
    }

    /**
     * Where the user info of {@code rest} (the URL after {@code scheme://}) ends: the first {@code @} followed by a
     * host (and port) and then the path, the query or the end; -1 when there is none. Passwords are often written
     * unencoded and may contain {@code / ? @ : #}, so the user info is not cut at the first {@code /} or {@code ?};
     * but when it would contain one, a path must follow the host, so that an {@code @} inside a query parameter
     * ({@code ?user=a@b}) is not taken for the end of a user info.
     */
    static int userInfoEnd(String rest) {
        for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
            java.util.regex.Matcher m = AUTHORITY.matcher(rest).region(at + 1, rest.length());
            if (!m.lookingAt()) {
                continue;
            }
            boolean mayBeQuery = rest.lastIndexOf('/', at) >= 0 || rest.lastIndexOf('?', at) >= 0;
            if (mayBeQuery && (m.end() >= rest.length() || rest.charAt(m.end()) != '/')) {
                continue;
            }
            return at;
        }
        return -1;
    }

    /**
     * Parses a network URL, {@code scheme://[user[:password]@]host[:port][/database][?params]}, of {@code naming}'s
     * vendor.
     */
    static DatabaseUrl network(VendorNaming naming, String u, int colon, String property) {
        Vendor vendor = naming.vendor();
        String rest = u.substring(colon + 3);
        String user = null;
        String password = null;
        int at = userInfoEnd(rest);
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int c = userInfo.indexOf(':');
            password = c >= 0 ? decodePassword(userInfo.substring(c + 1)) : null;
            rememberSecret(c >= 0 ? userInfo.substring(c + 1) : null, password);
            user = decode(c >= 0 ? userInfo.substring(0, c) : userInfo, property, u);
            if (user.isEmpty()) {
                user = null;
            }
        }
        // with an '@' that did not end a user info, the "port" may be part of a password: do not show it
        boolean echoPort = at >= 0 || u.indexOf('@') < 0;
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? rest.substring(slash + 1) : "";
        if (authority.isEmpty()) {
            throw new ConfigException(property, shown(u), "a host is required, e.g. " + vendor.id() + "://user@127.0.0.1/dbname");
        }
        String host = authority;
        int port = -1;
        if (authority.startsWith("[")) { // IPv6 literal
            int end = authority.indexOf(']');
            if (end < 0) {
                throw new ConfigException(property, shown(u), "an IPv6 host must be closed with ']'");
            }
            host = authority.substring(0, end + 1);
            String after = authority.substring(end + 1);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1), property, u, echoPort);
            } else if (!after.isEmpty()) {
                throw new ConfigException(property, shown(u), "unexpected text after the IPv6 host");
            }
        } else if (authority.contains(",")) {
            host = authority; // multi-host list, passed to the driver as is
        } else {
            int c = authority.lastIndexOf(':');
            if (c >= 0) {
                host = authority.substring(0, c);
                port = parsePort(authority.substring(c + 1), property, u, echoPort);
            }
        }
        if (host.isEmpty()) {
            throw new ConfigException(property, shown(u), "a host is required before the port");
        }
        database = decode(database, property, u);
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> tls = new LinkedHashMap<>();
        java.util.Set<String> tlsNames = VendorDescriptor.of(vendor).tlsParameters();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq >= 0 ? pair.substring(0, eq) : pair, property, u);
            String v = eq >= 0 ? decode(pair.substring(eq + 1), property, u) : "";
            String lk = k.toLowerCase(Locale.ROOT);
            if (lk.equals("user") || lk.equals("username")) {
                if (user != null && !user.equals(v)) {
                    throw new ConfigException(property, shown(u), "the user is given twice (before '@' and as ?" + k + "=); give it once");
                }
                user = v;
            } else if (lk.equals("password")) {
                rememberSecret(v, v);
                if (password != null) {
                    throw new ConfigException(property, shown(u), "the password is given twice (before '@' and as ?password=); give it once");
                }
                password = v;
            } else if (tlsNames.contains(lk)) {
                rememberSecret(Redaction.isSecretName(k) ? v : null, null);
                tls.put(k, v);
            } else if (SECRET_PARAMS.contains(lk)) {
                rememberSecret(v, v);
                secrets.put(k, v);
            } else {
                params.put(k, v);
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:").append(vendor.id()).append("://").append(host);
        if (port > 0) {
            jdbc.append(':').append(port);
        }
        jdbc.append('/').append(encodePath(database));
        appendQuery(jdbc, params);
        return new DatabaseUrl(vendor, jdbc.toString(), host, port, database.isEmpty() ? null : database, user, password, secrets, tls);
    }

    private static DatabaseUrl parseJdbc(String u, String lower, String property) {
        String subprotocol = lower.substring(5, Math.max(5, lower.indexOf(':', 5)));
        for (VendorDescriptor d : VendorDescriptor.all()) {
            if (!subprotocol.isEmpty() && d.jdbcSubprotocol().equals(subprotocol)) {
                return d.parseJdbcUrl(u, u.substring(subprotocol.length() + 6), property);
            }
        }
        for (VendorDescriptor d : VendorDescriptor.all()) {
            String hint = d.jdbcSubprotocolHint(subprotocol);
            if (hint != null) {
                throw new ConfigException(property, shown(u), hint);
            }
        }
        throw new ConfigException(property, shown(u), "unsupported JDBC subprotocol '" + subprotocol + "'; use " + SUPPORTED);
    }

    /** @param echo whether the port text may be shown: not when it may be part of a password misread as a port */
    private static int parsePort(String s, String property, String url, boolean echo) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(property, shown(url), "port" + (echo ? " '" + s + "'" : "") + " must be a number from 1 to 65535");
    }

    private static void rememberSecret(String raw, String decoded) {
        Redaction.remember(raw);
        Redaction.remember(decoded);
    }

    /**
     * A password from the user info: percent-decoded when it is well-formed percent-encoding of UTF-8 text, else taken
     * as written (an unencoded {@code %} in a password is common, and {@code 50%off} must not fail or change).
     */
    private static String decodePassword(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return raw;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return raw;
        }
    }

    private static String decode(String s, String property, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(property, shown(url), "malformed percent-encoding (" + e.getMessage() + ")");
        }
    }

    private static String encodePath(String database) {
        StringBuilder sb = new StringBuilder();
        for (char c : database.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-._~$".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b));
                }
            }
        }
        return sb.toString();
    }

    private static void appendQuery(StringBuilder sb, Map<String, String> params) {
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(encodeParam(e.getKey()));
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(encodeParam(e.getValue()));
            }
            sep = '&';
        }
    }

    private static String encodeParam(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/").replace("%2C", ",");
    }

    /** Returns a copy with a different JDBC URL (used to add driver parameters); everything else unchanged. */
    public DatabaseUrl withJdbcUrl(String newJdbcUrl) {
        return new DatabaseUrl(vendor, newJdbcUrl, host, port, database, user, password, secretParams, tlsParams);
    }
}
