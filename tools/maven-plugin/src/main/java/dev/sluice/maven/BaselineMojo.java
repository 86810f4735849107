package dev.sluice.maven;

import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Marks an existing database, whose tables were made before migrations were used, as being at a version without
 * running the scripts up to it: {@code mvn sluice:baseline -Dsluice.baselineVersion=3}. Adapter over
 * {@code Migrations.baseline}.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BaselineMojo extends AbstractSluiceMojo {
    /** The version the database is at. */
    @Parameter(property = "sluice.baselineVersion", defaultValue = "1")
    protected String baselineVersion;

    @Override
    protected void run() throws MojoExecutionException {
        try (Database db = connect()) {
            migrations(db).baseline(baselineVersion.strip());
            getLog().info("Baselined at version " + baselineVersion.strip());
        }
    }
}
