package dev.sluice.maven;

import dev.sluice.connection.ConfigException;
import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rolls the database back to a version with the down scripts ({@code U<version>__<name>.sql} beside the
 * {@code V} scripts), newest first: {@code mvn sluice:rollback -Dsluice.target=1}; {@code 0} rolls everything back.
 * Refuses, before changing anything, when a down script is missing. Adapter over {@code Migrations.rollback}.
 */
@Mojo(name = "rollback", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RollbackMojo extends AbstractSluiceMojo {
    /** The version to roll back to ({@code 0}: before the first migration). Required. */
    @Parameter(property = "sluice.target")
    protected String target;

    @Override
    protected void run() throws MojoExecutionException {
        if (target == null || target.isBlank()) {
            throw new ConfigException("sluice.target", null, "the version to roll back to, as -Dsluice.target=1 (0: before the first migration)");
        }
        try (Database db = connect()) {
            MigrateMojo.print(getLog(), migrations(db).rollback(target.strip()), "rolled back");
        }
    }
}
