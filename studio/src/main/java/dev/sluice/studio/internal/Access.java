package dev.sluice.studio.internal;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Who may use the studio: whoever holds the access token (the printed address carries it once, then an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie does, so the page's scripts never see it), from a page served by
 * the studio itself (the {@code Host} must be the loopback address the studio listens on, which defeats DNS
 * rebinding), and for a request that changes anything, with the page's CSRF token in a header that other sites'
 * pages cannot send.
 */
final class Access {
    /** The cookie that carries the token after the first visit, one per port (cookies do not tell ports apart). */
    private static final String COOKIE = "sluice_studio_";
    /** The header that carries the CSRF token on state-changing requests. */
    static final String CSRF_HEADER = "X-Sluice-CSRF";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final String csrf = random();
    private volatile int port;

    Access(String token) {
        this.token = token != null ? token : random();
    }

    static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    void port(int port) {
        this.port = port;
    }

    String token() {
        return token;
    }

    String csrf() {
        return csrf;
    }

    /** Whether the request is addressed to this studio on the loopback address (not a rebound host name). */
    boolean hostAllowed(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return host != null && List.of("127.0.0.1:" + port, "localhost:" + port).contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** The token in the query string ({@code ?token=}), or {@code null}. */
    static String queryToken(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String p : q.split("&")) {
            if (p.startsWith("token=")) {
                return URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Whether {@code given} is the token (compared in constant time). */
    boolean isToken(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request's cookie carries the token. */
    boolean hasCookie(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : header.split(";")) {
                String s = c.strip();
                String name = COOKIE + port + "=";
                if (s.startsWith(name) && isToken(s.substring(name.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cookie set once the token in the address was accepted. */
    String cookie() {
        return COOKIE + port + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /**
     * Whether a state-changing request comes from the studio's own page: the CSRF token in its header and, when the
     * browser sends an {@code Origin}, this studio's.
     */
    boolean csrfAllowed(HttpExchange ex) {
        String given = ex.getRequestHeaders().getFirst(CSRF_HEADER);
        String origin = ex.getRequestHeaders().getFirst("Origin");
        boolean sameOrigin = origin == null || origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port);
        return sameOrigin && given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
    }
}
