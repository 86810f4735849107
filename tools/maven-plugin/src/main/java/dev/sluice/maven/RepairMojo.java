package dev.sluice.maven;

import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Removes failed entries from the migration history and realigns checksums with the scripts, after a failed
 * migration was cleaned up by hand: {@code mvn sluice:repair}. Adapter over {@code Migrations.repair}.
 */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RepairMojo extends AbstractSluiceMojo {
    @Override
    protected void run() throws MojoExecutionException {
        try (Database db = connect()) {
            getLog().info(migrations(db).repair());
        }
    }
}
