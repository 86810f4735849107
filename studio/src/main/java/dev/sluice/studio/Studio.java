package dev.sluice.studio;

import dev.sluice.connection.ClusterNode;
import dev.sluice.query.ClusterDatabase;
import dev.sluice.query.Database;
import dev.sluice.studio.internal.StudioNode;
import dev.sluice.studio.internal.StudioServer;
import java.util.List;

/**
 * A local web console for a database: the entry point of the studio module, what {@code sluice studio} runs. It serves
 * one page on {@code 127.0.0.1} with tables and views (row counts; paging, sort and filter on the server; foreign keys
 * to follow both ways; JSON formatted), tenant scopes (through the query layer's {@link Database#forTenant}), the
 * schema (columns, keys, indexes, row-level security), the migration timeline and the drift report, each node's health
 * and pool with a live chart, and a SQL box.
 *
 * <p>Every request needs the access token: the printed address carries it once ({@code ?token=}), after which an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie does; requests that change anything also need the page's CSRF token.
 * It is read-only unless {@link StudioOptions#write()}: the SQL box runs in a read-only transaction that the server
 * enforces, and rows cannot be edited. Passwords and values of columns named like secrets are never sent.
 *
 * <pre>{@code
 * try (Database db = Database.connect(ConnectionConfig.fromEnv());
 *         Studio studio = Studio.start(db, StudioOptions.defaults())) {
 *     System.out.println("open " + studio.url());   // http://127.0.0.1:4983/?token=...
 *     studio.awaitStop();
 * }
 * }</pre>
 */
public final class Studio implements AutoCloseable {
    private final StudioServer server;

    private Studio(StudioServer server) {
        this.server = server;
    }

    /**
     * Serves a console for {@code db} until {@link #close()}; the database stays the caller's.
     *
     * @throws dev.sluice.connection.ConfigException when the port is taken
     */
    public static Studio start(Database db, StudioOptions options) {
        String id = db.connections().config().name();
        return new Studio(StudioServer.start(db, List.of(new StudioNode(id, true, db.connections())), options));
    }

    /**
     * Serves a console for a cluster: data, schema and queries on its primary, health with one row per node.
     *
     * @throws dev.sluice.connection.ConfigException when the port is taken
     */
    public static Studio start(ClusterDatabase cluster, StudioOptions options) {
        List<StudioNode> nodes = cluster.cluster().nodes().stream()
                .map((ClusterNode n) -> new StudioNode(n.id(), n.required(), n.connections())).toList();
        return new Studio(StudioServer.start(cluster.primary(), nodes, options));
    }

    /** The address to open, with the access token: {@code http://127.0.0.1:<port>/?token=...}. */
    public String url() {
        return baseUrl() + "/?token=" + server.token();
    }

    /** The address without the token: {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port listened on (the one chosen when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** The access token (random unless {@link StudioOptions.Builder#token} gave one). */
    public String token() {
        return server.token();
    }

    /** Whether rows may be changed. */
    public boolean writable() {
        return server.writable();
    }

    /** Blocks until {@link #close()} is called from another thread (or this one is interrupted). */
    public void awaitStop() throws InterruptedException {
        server.awaitStop();
    }

    /** Stops serving: requests in flight get up to a second to finish; the database is left open. */
    @Override
    public void close() {
        server.stop();
    }
}
