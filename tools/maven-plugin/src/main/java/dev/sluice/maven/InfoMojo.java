package dev.sluice.maven;

import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.TextColumns;
import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Lists the project's migrations with their state, when they were applied and whether a down script exists, then the
 * current version: {@code mvn sluice:info}. Adapter over {@code Migrations.info}.
 */
@Mojo(name = "info", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class InfoMojo extends AbstractSluiceMojo {
    @Override
    protected void run() throws MojoExecutionException {
        try (Database db = connect()) {
            Migrations m = migrations(db);
            String current = m.currentVersion();
            TextColumns.of(m.info(), current).lines().forEach(getLog()::info);
            getLog().info("Current version: " + (current == null ? "<empty>" : current));
        }
    }
}
