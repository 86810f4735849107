package dev.sluice.studio.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Redaction;
import dev.sluice.query.Database;
import dev.sluice.query.StatementFailedException;
import dev.sluice.studio.StudioOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's HTTP server on 127.0.0.1: checks every request ({@link Access}), serves the page's three assets and
 * answers the JSON API under {@code /api/}. Errors are JSON {@code {"error": "..."}} with secrets masked; the database's
 * own refusals are 422 with its message.
 */
public final class StudioServer {
    private static final Logger LOG = LoggerFactory.getLogger(StudioServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> ASSETS = Map.of("/studio.js", "text/javascript; charset=utf-8",
            "/studio.css", "text/css; charset=utf-8");

    private final Database db;
    private final StudioOptions options;
    private final Access access;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final HealthSampler health;
    private final Catalog catalog;
    private final TableData data;
    private final SchemaInfo schema;
    private final QueryBox queries;
    private final Tenants tenants;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StudioServer(Database db, List<StudioNode> nodes, StudioOptions options) throws IOException {
        this.db = db;
        this.options = options;
        this.access = new Access(options.token());
        this.catalog = new Catalog(db);
        this.data = new TableData(catalog);
        this.schema = new SchemaInfo(db, catalog, options.migrationLocations());
        this.queries = new QueryBox(db, options.write(), options.maxQueryRows());
        this.tenants = new Tenants(db, catalog);
        this.health = new HealthSampler(nodes);
        // the loopback address only: the studio shows and may change data, it is never exposed to the network
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 0);
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        access.port(server.getAddress().getPort());
    }

    /** Starts serving {@code db}, with {@code nodes}' health. */
    public static StudioServer start(Database db, List<StudioNode> nodes, StudioOptions options) {
        StudioServer s;
        try {
            s = new StudioServer(db, nodes, options);
        } catch (java.net.BindException e) {
            throw new ConfigException("port", options.port(), "a port free on 127.0.0.1 (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("starting the studio on 127.0.0.1:" + options.port() + " failed: " + e.getMessage(), e);
        }
        s.health.start();
        s.server.start();
        return s;
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The access token. */
    public String token() {
        return access.token();
    }

    /** Whether rows may be changed. */
    public boolean writable() {
        return options.write();
    }

    /** Blocks until {@link #stop()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the health checks and the server; requests in flight get a second. Calling it again does nothing. */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        health.close();
        server.stop(1);
        requests.shutdownNow();
        stopped.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            serve(ex);
        } catch (RuntimeException | LinkageError | StackOverflowError e) { // answered, not a dropped connection
            LOG.debug("studio request {} failed: {}", ex.getRequestURI().getPath(), Redaction.redact(String.valueOf(e.getMessage())));
            sendJson(ex, status(e), Map.of("error", message(e)));
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        var headers = ex.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("Content-Security-Policy", CSP);
        if (!access.hostAllowed(ex)) {
            sendText(ex, 403, "Forbidden: open the studio at http://127.0.0.1:" + port() + "/\n");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String queryToken = Access.queryToken(ex);
        if (queryToken != null && access.isToken(queryToken)) {
            headers.add("Set-Cookie", access.cookie());
            headers.set("Location", path); // the token leaves the address bar and the history
            ex.sendResponseHeaders(303, -1);
            return;
        }
        if (!access.hasCookie(ex)) {
            sendText(ex, 403, "Forbidden: open the address sluice studio printed, with its ?token=...\n");
            return;
        }
        boolean get = "GET".equals(ex.getRequestMethod());
        if (!get && !"POST".equals(ex.getRequestMethod())) {
            sendJson(ex, 405, Map.of("error", "Only GET and POST are answered"));
            return;
        }
        if (!get && !access.csrfAllowed(ex)) {
            sendJson(ex, 403, Map.of("error", "Refused: a request that may change data needs the studio page's CSRF token; reload the page"));
            return;
        }
        route(ex, path, get);
    }

    private void route(HttpExchange ex, String path, boolean get) throws IOException {
        if (get && (path.equals("/") || path.equals("/index.html"))) {
            String page = asset("index.html").replace("{{CSRF}}", access.csrf());
            send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (get && ASSETS.containsKey(path)) {
            send(ex, 200, ASSETS.get(path), asset(path.substring(1)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> q = params(ex);
        Scope scope = new Scope(db, Scope.parseTenant(ex.getRequestHeaders().getFirst("X-Sluice-Tenant")));
        Object body = switch ((get ? "GET " : "POST ") + path) {
            case "GET /api/info" -> info();
            case "GET /api/tenants" -> tenants.list();
            case "GET /api/tables" -> Map.of("tables", data.tables(scope));
            case "GET /api/rows" -> data.page(scope, new TableData.PageRequest(q.get("table"), intParam(q, "page", 1),
                    intParam(q, "size", 50), q.get("sort"), "desc".equals(q.get("dir")), q.get("fcol"), q.get("fop"), q.get("fval")));
            case "GET /api/schema" -> schema.schema();
            case "GET /api/migrations" -> schema.migrations();
            case "GET /api/drift" -> schema.drift();
            case "GET /api/health" -> health.report();
            case "POST /api/query" -> queries.run(scope, string(body(ex), "sql"));
            case "POST /api/row/update" -> {
                Map<String, Object> b = writeBody(ex);
                yield data.update(scope, string(b, "table"), map(b, "key"), map(b, "values"));
            }
            case "POST /api/row/insert" -> {
                Map<String, Object> b = writeBody(ex);
                yield data.insert(scope, string(b, "table"), map(b, "values"));
            }
            default -> throw new StudioException(404, "Nothing at " + (get ? "GET " : "POST ") + path);
        };
        sendJson(ex, 200, body);
    }

    private Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        var server = db.connections().serverInfo();
        m.put("database", db.connections().config().redactedUrl());
        m.put("vendor", db.vendor().displayName());
        m.put("product", server == null ? null : server.product() + " " + server.version());
        m.put("write", options.write());
        m.put("tenantColumn", db.tenancy().tenantColumn());
        m.put("maxQueryRows", options.maxQueryRows());
        return m;
    }

    private Map<String, Object> writeBody(HttpExchange ex) throws IOException {
        if (!options.write()) {
            throw new StudioException(403, "The studio is read-only: start it with --write to edit or insert rows");
        }
        return body(ex);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new StudioException(415, "Send JSON (Content-Type: application/json)");
        }
        try (InputStream in = ex.getRequestBody()) {
            Object v = JSON.readValue(in.readNBytes(1 << 20), Object.class);
            if (!(v instanceof Map)) {
                throw new StudioException(400, "Send a JSON object");
            }
            return (Map<String, Object>) v;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new StudioException(400, "The request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String string(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (!(v instanceof String s)) {
            throw new StudioException(400, "Give \"" + key + "\" as a string");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (!(v instanceof Map)) {
            throw new StudioException(400, "Give \"" + key + "\" as an object of column names to values");
        }
        return (Map<String, Object>) v;
    }

    private static Map<String, String> params(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String p : q.split("&")) {
                int i = p.indexOf('=');
                if (i > 0) {
                    out.put(URLDecoder.decode(p.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static int intParam(Map<String, String> q, String name, int fallback) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new StudioException(400, "'" + name + "' is '" + v + "': a whole number");
        }
    }

    private static int status(Throwable e) {
        if (e instanceof StudioException s) {
            return s.status();
        }
        if (e instanceof StatementFailedException || e instanceof DataAccessException) {
            return 422; // the database refused it; its message says why
        }
        return e instanceof ConfigException || e instanceof IllegalArgumentException ? 400 : 500;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        // jOOQ wraps the driver's exception; its message is what the database said
        if (e instanceof DataAccessException && e.getCause() != null && e.getCause().getMessage() != null) {
            t = e.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return Redaction.redact(m.replace('\n', ' ').strip());
    }

    private static String asset(String name) {
        try (InputStream in = StudioServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the studio's asset " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
