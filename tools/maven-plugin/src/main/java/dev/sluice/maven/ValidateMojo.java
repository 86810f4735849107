package dev.sluice.maven;

import dev.sluice.migrations.ValidationReport;
import dev.sluice.query.Database;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when applied migrations no longer match the scripts (an edited or deleted script), naming each:
 * {@code mvn sluice:validate}. Adapter over {@code Migrations.validate}.
 */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ValidateMojo extends AbstractSluiceMojo {
    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        try (Database db = connect()) {
            ValidationReport r = migrations(db).validate();
            if (r.valid()) {
                getLog().info("Valid: applied migrations match the scripts");
                return;
            }
            r.problems().forEach(p -> getLog().error("  " + p));
            throw new MojoFailureException(goal() + ": applied migrations do not match the scripts: " + String.join("; ", r.problems()));
        }
    }
}
