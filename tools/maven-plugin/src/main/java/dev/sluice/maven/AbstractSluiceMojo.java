package dev.sluice.maven;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.maven.internal.ConnectionSettings;
import dev.sluice.maven.internal.Failures;
import dev.sluice.maven.internal.Locations;
import dev.sluice.maven.internal.ProjectClassPath;
import dev.sluice.maven.internal.ThrowawaySource;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.ThrowawayDatabase;
import dev.sluice.migrations.ThrowawayProvider;
import dev.sluice.query.Database;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every sluice goal shares: the database ({@code <url>}, {@code <user>}, {@code <password>} or
 * {@code <serverId>}; {@code -Dsluice.url} and {@code DATABASE_URL} override the pom), the migration
 * {@code <locations>}, {@code <vendor>}, and the translation of the library's errors into one-line Maven errors.
 * The JDBC driver and {@code classpath:} scripts come from the project's own class path.
 */
public abstract class AbstractSluiceMojo extends AbstractMojo {
    /**
     * The database URL: {@code postgres://user@127.0.0.1:5432/app}, {@code mariadb://...}, {@code mysql://...},
     * {@code sqlite:target/app.db}, or a JDBC URL. {@code -Dsluice.url=...} on the command line, then the
     * {@code DATABASE_URL} environment variable, take precedence over this.
     */
    @Parameter
    protected String url;

    /** The user, when not in the URL. */
    @Parameter(property = "sluice.user")
    protected String user;

    /** The password; better a {@code <serverId>} of settings.xml, so it is not in the pom. Never printed. */
    @Parameter(property = "sluice.password")
    protected String password;

    /** A {@code <server>} of settings.xml whose username and password (encrypted or not) are used. */
    @Parameter(property = "sluice.serverId")
    protected String serverId;

    /**
     * Flyway locations of the migration scripts ({@code filesystem:...}, {@code classpath:...}); {@code {vendor}} is
     * replaced by {@code postgresql}, {@code mysql} or {@code sqlite}; relative {@code filesystem:} paths are from the
     * project's directory. Default: {@code filesystem:src/main/resources/db/migration/{vendor}}.
     */
    @Parameter(property = "sluice.locations")
    protected List<String> locations;

    /** {@code postgresql}, {@code mysql} (also for MariaDB) or {@code sqlite}: needed only when no URL is given. */
    @Parameter(property = "sluice.vendor")
    protected String vendor;

    /**
     * The history table. Default: {@code flyway_schema_history}, or {@code sluice_schema_history} when the locations are
     * the built-in schema's alone (as the library chooses).
     */
    @Parameter(property = "sluice.table")
    protected String table;

    /** Flyway placeholders, {@code ${name}} in scripts. */
    @Parameter
    protected Map<String, String> placeholders;

    /**
     * Where throwaway databases come from (for {@code generate}, {@code check-schema} and {@code diff}): {@code auto},
     * {@code server} (a temporary database on {@code <codegenUrl>} or the project's server), {@code postgres-instance}
     * (a private PostgreSQL server from the installed binaries) or {@code container} (Testcontainers).
     */
    @Parameter(property = "sluice.codegenDatabase", defaultValue = "auto")
    protected String codegenDatabase;

    /** The PostgreSQL or MySQL server to create throwaway databases on; default the project's own. */
    @Parameter(property = "sluice.codegenUrl")
    protected String codegenUrl;

    /** Skips the goal. */
    @Parameter(property = "sluice.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Component
    protected SettingsDecrypter decrypter;

    private ClassLoader projectLoader;
    private ConnectionSettings connection;
    private String secret;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (sluice.skip)");
            return;
        }
        quietLibraries(getLog().isDebugEnabled());
        try {
            run();
        } catch (RuntimeException e) {
            getLog().debug(e);
            Exception translated = Failures.translate(goal(), e, secret != null ? secret : connection == null ? null : connection.password());
            if (translated instanceof MojoExecutionException x) {
                throw x;
            }
            throw (MojoFailureException) translated;
        }
    }

    /**
     * The goal's work. Throws the library's exceptions as they are ({@code ConfigException} and friends are bad input,
     * anything else a failure), or a Mojo exception directly.
     */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** {@code sluice:migrate}, for messages. */
    protected String goal() {
        return "sluice:" + (mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal());
    }

    /** Where the database comes from (pom, command line, environment, settings.xml). */
    protected ConnectionSettings connectionSettings() throws MojoExecutionException {
        if (connection == null) {
            String u = user;
            String p = password;
            if (serverId != null && !serverId.isBlank()) {
                Server server = server(serverId);
                u = u != null ? u : server.getUsername();
                p = p != null ? p : server.getPassword();
            }
            String commandLine = session == null ? null : session.getUserProperties().getProperty("sluice.url");
            connection = new ConnectionSettings(url, commandLine, u, p, vendor, System.getenv());
        }
        return connection;
    }

    private Server server(String id) throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(id);
        if (server == null) {
            List<String> known = settings == null ? List.of() : settings.getServers().stream().map(Server::getId).toList();
            throw new MojoExecutionException(goal() + ": serverId '" + id + "' is not a <server> of settings.xml (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        if (decrypter == null) {
            return server;
        }
        SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : r.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoExecutionException(goal() + ": cannot decrypt the password of server '" + id + "' in settings.xml: "
                        + problem.getMessage());
            }
        }
        return r.getServer() == null ? server : r.getServer();
    }

    /** The project's database configuration: a small pool named after the plugin, the driver from the project. */
    protected ConnectionConfig databaseConfig() throws MojoExecutionException {
        projectLoader(); // the project's driver, before anything connects
        ConnectionConfig config = connectionSettings().builder().name("sluice-maven").pool(p -> p.min(0).max(2)).build();
        secret = config.password();
        return config;
    }

    /**
     * Connects to the project's database, after checking that its driver is there and that the migration locations
     * hold scripts for its vendor (a mistyped location fails before anything is created, not even a SQLite file).
     */
    protected Database connect() throws MojoExecutionException {
        ConnectionConfig config = databaseConfig().forMigrations(); // migration-url, not a transaction-mode PgBouncer
        config.vendor().requireDriver(getClass().getClassLoader());
        Migrations.checkLocations(config.vendor(), resolvedLocations(), projectLoader());
        getLog().info("Database: " + config.redactedUrl() + " (from " + connectionSettings().source() + ")");
        return Database.connect(config);
    }

    /** The migration locations, resolved against the project's directory ({@code {vendor}} still in them). */
    protected List<String> resolvedLocations() {
        return Locations.resolve(locations, project.getBasedir());
    }

    /** Migrations of {@code db} with the project's locations, history table, placeholders and class path. */
    protected Migrations migrations(Database db) throws MojoExecutionException {
        Migrations.Builder b = Migrations.builder(db).locations(resolvedLocations().toArray(String[]::new))
                .classLoader(projectLoader());
        if (table != null) {
            b.table(table);
        }
        if (placeholders != null) {
            placeholders.forEach(b::placeholder);
        }
        return b.build();
    }

    /** Where this build's throwaway databases of {@code v} come from ({@code <codegenDatabase>}, {@code <codegenUrl>}). */
    protected ThrowawayProvider throwaways(Vendor v) throws MojoExecutionException {
        projectLoader(); // the project's driver, before anything connects
        return ThrowawaySource.parse(codegenDatabase).provider(v, throwawayServer(v));
    }

    /** A throwaway database of {@code v} migrated with the project's scripts (up to {@code version}; {@code null}: all). */
    protected ThrowawayDatabase openThrowaway(Vendor v, String version) throws MojoExecutionException {
        ThrowawayDatabase.Builder b = ThrowawayDatabase.builder(v).provider(throwaways(v)).locations(resolvedLocations())
                .classLoader(projectLoader()).targetVersion(version);
        if (table != null) {
            b.table(table);
        }
        if (placeholders != null) {
            placeholders.forEach(b::placeholder);
        }
        return b.open();
    }

    /** {@code <codegenUrl>}, else the project's database when it is on a server, else {@code null}. */
    private ConnectionConfig throwawayServer(Vendor v) throws MojoExecutionException {
        if (codegenUrl != null && !codegenUrl.isBlank()) {
            ConnectionSettings s = connectionSettings();
            ConnectionConfig c = new ConnectionSettings(codegenUrl, null, s.user(), s.password(), null, Map.of()).builder().build();
            if (c.vendor() != v) {
                throw new ConfigException("codegenUrl", c.redactedUrl(), "a " + v.displayName() + " server, as the project's vendor is "
                        + v.displayName());
            }
            return c;
        }
        return connectionSettings().hasUrl() && !v.embedded() ? databaseConfig() : null;
    }

    /**
     * The project's resource directories: where its {@code classpath:} scripts are read from (not from the build
     * output, which holds copies of them once resources are processed).
     */
    protected List<File> resourceRoots() {
        List<File> roots = new ArrayList<>();
        for (Resource r : project.getResources()) {
            roots.add(new File(r.getDirectory()));
        }
        return roots;
    }

    /**
     * The project's resources and class path over the plugin's classes, for {@code classpath:} locations; on first use
     * the project's JDBC drivers are made available to the plugin (see {@link ProjectClassPath}).
     */
    protected ClassLoader projectLoader() throws MojoExecutionException {
        if (projectLoader == null) {
            // the resource directories stand in for the build output, which would hold a second copy of each script
            List<String> entries = new ArrayList<>();
            resourceRoots().forEach(f -> entries.add(f.getPath()));
            String output = new File(project.getBuild().getOutputDirectory()).getAbsolutePath();
            try {
                project.getRuntimeClasspathElements().stream().filter(e -> !new File(e).getAbsolutePath().equals(output)).forEach(entries::add);
            } catch (DependencyResolutionRequiredException e) {
                throw new MojoExecutionException(goal() + ": the project's dependencies are not resolved: " + e.getMessage());
            }
            ProjectClassPath.addDrivers(entries, getClass().getClassLoader())
                    .forEach(v -> getLog().debug("JDBC driver for " + v.displayName() + " taken from the project's class path"));
            projectLoader = ProjectClassPath.resources(entries, getClass().getClassLoader());
        }
        return projectLoader;
    }

    /**
     * Keeps the libraries' progress lines (pool start and stop, connection states, Flyway's chatter, jOOQ's logo) out of
     * the build output; {@code mvn -X} shows them. Maven's logger reads a logger's level when the logger is created, so
     * the levels are set before the libraries' first use, and never over a level the user set.
     */
    private static void quietLibraries(boolean debug) {
        setIfAbsent("org.jooq.no-logo", "true");
        setIfAbsent("org.jooq.no-tips", "true");
        if (debug) {
            return;
        }
        String prefix = "org.slf4j.simpleLogger.log.";
        // HikariCP warns that a driver from the project's class path is not registered with DriverManager: expected here
        setIfAbsent(prefix + "com.zaxxer.hikari", "error");
        // Flyway's ERROR lines repeat what the goal's one-line error says; its INFO lines carry edition upsell
        setIfAbsent(prefix + "org.flywaydb", "off");
        setIfAbsent(prefix + "dev.sluice.connection", "warn");
        setIfAbsent(prefix + "dev.sluice.query", "warn");
        setIfAbsent(prefix + "org.jooq", "warn");
        // Connector/J reports MariaDB 10.11 as "5.5.5-10.11...", which jOOQ takes for a version it does not support
        setIfAbsent(prefix + "org.jooq.impl.DefaultExecuteContext.logVersionSupport", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
