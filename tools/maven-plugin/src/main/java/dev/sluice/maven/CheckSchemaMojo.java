package dev.sluice.maven;

import dev.sluice.migrations.DriftReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the database has drifted from what its migrations build, listing each difference: the
 * project's scripts are applied, up to the database's current version, to a throwaway database (see
 * {@code <codegenDatabase>}), which is compared with the live one: tables, columns with their types, nullability and
 * defaults, keys, indexes, checks, views, triggers, routines, types and (PostgreSQL) row-level security.
 * {@code mvn sluice:check-schema}. Adapter over {@code Migrations.checkSchemaAgainstMigrations}.
 */
@Mojo(name = "check-schema", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CheckSchemaMojo extends AbstractSluiceMojo {
    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        try (Database db = connect()) {
            Migrations m = migrations(db);
            DriftReport r = m.checkSchemaAgainstMigrations(throwaways(db.vendor()));
            if (r.clean()) {
                getLog().info("Schema matches its migrations (version " + m.currentVersion() + "): " + r.tablesChecked() + " tables checked");
                return;
            }
            getLog().error("The database differs from its migrations (version " + m.currentVersion() + "):");
            r.differences().forEach(d -> getLog().error("  " + d));
            throw new MojoFailureException(goal() + ": " + r.differences().size() + " difference"
                    + (r.differences().size() == 1 ? "" : "s") + " between the database and its migrations: " + String.join("; ", r.differences()));
        }
    }
}
