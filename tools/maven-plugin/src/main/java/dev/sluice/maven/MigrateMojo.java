package dev.sluice.maven;

import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the project's pending migrations to its database: {@code mvn sluice:migrate}, or up to a version with
 * {@code -Dsluice.target=2}. Adapter over {@code Migrations.migrate}.
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractSluiceMojo {
    /** Stop at this version (default: apply everything). */
    @Parameter(property = "sluice.target")
    protected String target;

    @Override
    protected void run() throws MojoExecutionException {
        try (Database db = connect()) {
            print(getLog(), migrations(db).migrate(target), "applied");
        }
    }

    /** One line per script with its time, then the summary. */
    static void print(Log log, MigrationReport r, String verb) {
        for (AppliedMigration a : r.migrations()) {
            log.info(String.format("  %-8s %-50s %6d ms", a.version(), a.script(), a.took().toMillis()));
        }
        log.info(r.summary(verb));
    }
}
