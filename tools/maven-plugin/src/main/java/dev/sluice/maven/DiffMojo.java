package dev.sluice.maven;

import dev.sluice.connection.ConfigException;
import dev.sluice.maven.internal.Locations;
import dev.sluice.migrations.SchemaDiff;
import dev.sluice.migrations.ThrowawayDatabase;
import dev.sluice.query.Database;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the next migration, {@code V<n>__<name>.sql}, from what was changed by hand in the development database:
 * the project's migrations are applied to a throwaway database, which is compared with the development database
 * ({@code <url>}, {@code -Dsluice.url}, {@code DATABASE_URL}). Tables, columns, defaults, keys, foreign keys, indexes
 * and views become statements; whatever they do not cover (triggers, functions, types...) is listed at the top of the
 * script and in the build output, never dropped. {@code mvn sluice:diff -Dsluice.diff.name=add_reviews}. Adapter over
 * {@code SchemaDiff}.
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractSluiceMojo {
    /** The new script's description: {@code V4__<name>.sql}. */
    @Parameter(property = "sluice.diff.name", defaultValue = "changes")
    protected String name;

    /** Where the script is written; default the first {@code filesystem:} location (for the database's vendor). */
    @Parameter(property = "sluice.diff.directory")
    protected File directory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new ConfigException("sluice.diff.name", name, "letters, digits and '_', such as add_reviews");
        }
        try (Database dev = connect(); ThrowawayDatabase scratch = openThrowaway(dev.vendor(), null)) {
            File dir = directory != null ? directory : firstFilesystemLocation(dev);
            SchemaDiff diff = SchemaDiff.between(scratch.database(), dev);
            if (diff.empty()) {
                getLog().info("No differences between the database and its migrations (version " + scratch.migration().toVersion()
                        + "): nothing written");
                return;
            }
            String version = next(scratch.migration().toVersion());
            Path file = dir.toPath().resolve("V" + version + "__" + name + ".sql");
            if (Files.exists(file)) {
                throw new ConfigException("sluice.diff.name", name, "a name for a script that does not exist yet: " + file + " exists");
            }
            try {
                Files.createDirectories(dir.toPath());
                Files.writeString(file, diff.script(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoFailureException(goal() + ": cannot write " + file + ": " + e.getMessage());
            }
            getLog().info("Wrote " + file + ": " + diff.statements().size() + " statement" + (diff.statements().size() == 1 ? "" : "s"));
            if (!diff.notExpressed().isEmpty()) {
                getLog().warn(diff.notExpressed().size() + " difference" + (diff.notExpressed().size() == 1 ? " is" : "s are")
                        + " not in the script; add by hand (also listed at its top):");
                diff.notExpressed().forEach(p -> getLog().warn("  " + p));
            }
        }
    }

    private File firstFilesystemLocation(Database db) {
        for (String l : Locations.forVendor(resolvedLocations(), db.vendor())) {
            if (l.startsWith("filesystem:")) {
                return new File(l.substring("filesystem:".length()));
            }
        }
        throw new ConfigException("sluice.diff.directory", null, "the directory to write the new script to; no filesystem: location "
                + "is configured to write it beside");
    }

    /** The version after {@code current}: 3 -> 4, 1.2 -> 1.3, none -> 1. */
    static String next(String current) {
        if (current == null || current.isBlank()) {
            return "1";
        }
        int dot = current.lastIndexOf('.');
        String head = dot < 0 ? "" : current.substring(0, dot + 1);
        return head + (new java.math.BigInteger(current.substring(dot + 1)).add(java.math.BigInteger.ONE));
    }
}
