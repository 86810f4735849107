package dev.sluice.maven;

import dev.sluice.migrations.MigrationStatus;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.List;
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
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "DESCRIPTION", "STATE", "INSTALLED", "DOWN"});
            for (MigrationStatus s : m.info()) {
                rows.add(new String[] {String.valueOf(s.version()), s.description(), s.state().displayName(),
                        s.installedOn() == null ? "" : s.installedOn().toString(), s.hasDownScript() ? "yes" : "no"});
            }
            int[] width = new int[5];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
                }
                getLog().info(line.toString().stripTrailing());
            }
            String current = m.currentVersion();
            getLog().info("Current version: " + (current == null ? "<empty>" : current));
        }
    }
}
