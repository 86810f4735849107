package dev.sluice.maven;

import dev.sluice.connection.ConfigException;
import dev.sluice.migrations.GeneratorSettings;
import dev.sluice.migrations.SeedProgress;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.migrations.TextColumns;
import dev.sluice.query.Database;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Seeds the project's database. {@code scripts} (default): the project's seed scripts, {@code *.sql} in
 * {@code src/main/resources/db/seed/{vendor}} (or {@code <seedLocations>}), each applied once and recorded, again only
 * when it changes. {@code generate}: deterministic data for every table from the live schema
 * ({@code -Dsluice.seed.rows=N -Dsluice.seed.random=S}, {@code <seedTables>} for per-table counts); tables it cannot
 * fill are listed with the reason. {@code mvn sluice:seed}, {@code mvn sluice:seed -Dsluice.seed=generate}. Adapter
 * over {@code Seeds.applyScripts} and {@code Seeds.generate}.
 */
@Mojo(name = "seed", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class SeedMojo extends AbstractSluiceMojo {
    /** {@code scripts} or {@code generate}. */
    @Parameter(property = "sluice.seed", defaultValue = "scripts")
    protected String seed;

    /** Where the seed scripts are ({@code classpath:} or {@code filesystem:}; {@code {vendor}} is replaced). */
    @Parameter(property = "sluice.seedLocations", defaultValue = Seeds.DEFAULT_SCRIPTS)
    protected List<String> seedLocations;

    /** {@code generate}: rows per table. */
    @Parameter(property = "sluice.seed.rows", defaultValue = "10")
    protected int rows;

    /** {@code generate}: the random seed; the same seed gives the same data on every vendor. */
    @Parameter(property = "sluice.seed.random", defaultValue = "1")
    protected long random;

    /** {@code generate}: rows for single tables, {@code orders=100}; 0 leaves a table out. */
    @Parameter
    protected List<String> seedTables;

    @Override
    protected void run() throws MojoExecutionException {
        String mode = seed == null ? "scripts" : seed.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("scripts") && !mode.equals("generate")) {
            throw new ConfigException("sluice.seed", seed, "scripts (the project's seed scripts) or generate (data from the schema)");
        }
        GeneratorSettings settings = mode.equals("generate") ? settings() : null;
        try (Database db = connect()) {
            if (settings == null) {
                List<SeedReport> reports = Seeds.applyScripts(db, seedLocations, projectLoader());
                long applied = reports.stream().filter(r -> !r.alreadyApplied()).count();
                TextColumns.ofScripts(reports).lines().forEach(getLog()::info);
                getLog().info("Seed scripts: " + applied + " applied, " + (reports.size() - applied) + " unchanged");
                return;
            }
            SeedReport r = Seeds.generate(db, settings, SeedProgress.NONE);
            if (r.alreadyApplied()) {
                getLog().info("Generated data (" + r.parameters() + ") was already loaded; nothing changed");
                return;
            }
            TextColumns.of(r).lines().forEach(getLog()::info);
            r.notFilled().forEach((table, why) -> getLog().warn("  not filled: " + table + ": " + why));
            getLog().info("Generated " + r.totalRows() + " rows (" + r.parameters() + ") in " + r.took().toMillis() + " ms");
        }
    }

    private GeneratorSettings settings() {
        GeneratorSettings.Builder b = GeneratorSettings.builder().rows(rows).seed(random);
        if (seedTables != null) {
            seedTables.forEach(b::table);
        }
        return b.build();
    }
}
