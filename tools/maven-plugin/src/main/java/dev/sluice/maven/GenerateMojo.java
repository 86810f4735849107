package dev.sluice.maven;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.maven.internal.Codegen;
import dev.sluice.maven.internal.GenerationStamp;
import dev.sluice.maven.internal.Locations;
import dev.sluice.maven.internal.ThrowawaySource;
import dev.sluice.migrations.Seeds;
import dev.sluice.migrations.ThrowawayDatabase;
import dev.sluice.query.Database;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jooq.meta.jaxb.ForcedType;

/**
 * Generates typed jOOQ classes from the project's own migrations: migrates a throwaway database with them (see
 * {@code <codegenDatabase>}), runs jOOQ's code generator against it by introspection, and adds
 * {@code target/generated-sources/sluice} as a source root. Bound to {@code generate-sources}. Skipped when the
 * scripts, this configuration and the plugin's version are unchanged since the last run (a stamp in
 * {@code target/}); {@code -Dsluice.generate.force} regenerates anyway.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class GenerateMojo extends AbstractSluiceMojo {
    /** The package of the generated classes. */
    @Parameter(property = "sluice.generate.packageName", defaultValue = "${project.groupId}.db")
    protected String packageName;

    /** Where the classes are written (replaced on each generation). */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/sluice")
    protected File outputDirectory;

    /** jOOQ includes: a regular expression of the tables, views, routines... to generate (default all). */
    @Parameter
    protected String includes;

    /** jOOQ excludes (the migration history tables are always excluded). */
    @Parameter
    protected String excludes;

    /** jOOQ forced types, as in jOOQ's own configuration ({@code <forcedType><name>...</name>...}). */
    @Parameter
    protected List<ForcedType> forcedTypes;

    /** Generate a record class per table. */
    @Parameter(defaultValue = "true")
    protected boolean records;

    /** Generate a POJO per table. */
    @Parameter(defaultValue = "false")
    protected boolean pojos;

    /** Generate a DAO per table (implies POJOs). */
    @Parameter(defaultValue = "false")
    protected boolean daos;

    /**
     * Bind {@code timestamp with time zone} columns as {@code OffsetDateTime} in UTC with
     * {@code dev.sluice.schema.types.UtcTimestampBinding} (needs {@code sluice-schema} on the compile class path, as
     * {@code sluice-migrations} brings it), the same way on every vendor.
     */
    @Parameter(defaultValue = "true")
    protected boolean utcTimestamps;

    /** Regenerate even when nothing changed. */
    @Parameter(property = "sluice.generate.force", defaultValue = "false")
    protected boolean force;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    @Parameter(defaultValue = "${project.build.directory}/sluice/generate.sha256", readonly = true)
    protected File stampFile;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Vendor v = connectionSettings().resolveVendor();
        ThrowawaySource.parse(codegenDatabase); // a wrong value fails even when nothing needs generating
        checkPackage();
        List<String> vendorLocations = Locations.forVendor(resolvedLocations(), v);
        String stamp = GenerationStamp.compute(pluginVersion, stampedConfiguration(v, vendorLocations), scriptDirectories(vendorLocations));
        Path stampPath = stampFile.toPath();
        if (!force && stamp.equals(GenerationStamp.read(stampPath)) && hasClasses()) {
            getLog().info("Generated classes are up to date (" + relative(outputDirectory) + "); -Dsluice.generate.force=true regenerates");
            addSourceRoot();
            return;
        }
        long start = System.nanoTime();
        try (ThrowawayDatabase scratch = openThrowaway(v, null)) {
            getLog().info("Migrated a throwaway database (" + scratch.description() + ") to version "
                    + scratch.migration().toVersion() + "; generating jOOQ classes from it");
            generate(scratch.database());
        }
        GenerationStamp.write(stampPath, stamp);
        addSourceRoot();
        getLog().info("Generated " + packageName + " into " + relative(outputDirectory) + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private void generate(Database db) throws MojoFailureException {
        Codegen.Options options = new Codegen.Options(packageName, outputDirectory, includes, excludes,
                forcedTypes == null ? List.of() : forcedTypes, records, pojos, daos, utcTimestamps,
                List.of(table, Seeds.HISTORY_TABLE));
        try (Connection c = db.connections().getConnection()) {
            Codegen.generate(c, db.vendor(), db.dialect(), options, getClass().getClassLoader());
        } catch (SQLException e) {
            throw new MojoFailureException(goal() + ": cannot read the throwaway database: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            getLog().debug(e);
            throw new MojoFailureException(goal() + ": jOOQ's code generator failed: " + e.getMessage());
        }
    }

    private void checkPackage() {
        if (packageName == null || !packageName.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new ConfigException("packageName", packageName, "a Java package name such as com.example.db");
        }
    }

    private Map<String, String> stampedConfiguration(Vendor v, List<String> vendorLocations) {
        Map<String, String> c = new TreeMap<>();
        c.put("vendor", v.id());
        c.put("locations", String.join(",", vendorLocations));
        c.put("table", table);
        c.put("placeholders", placeholders == null ? "" : new TreeMap<>(placeholders).toString());
        c.put("packageName", packageName);
        c.put("outputDirectory", outputDirectory.getAbsolutePath());
        c.put("includes", String.valueOf(includes));
        c.put("excludes", String.valueOf(excludes));
        c.put("forcedTypes", forcedTypes == null ? "" : forcedTypes.toString());
        c.put("records", String.valueOf(records));
        c.put("pojos", String.valueOf(pojos));
        c.put("daos", String.valueOf(daos));
        c.put("utcTimestamps", String.valueOf(utcTimestamps));
        return c;
    }

    private List<File> scriptDirectories(List<String> vendorLocations) {
        List<File> dirs = new ArrayList<>();
        for (String l : vendorLocations) {
            dirs.addAll(Locations.directories(l, resourceRoots()));
        }
        return dirs;
    }

    private boolean hasClasses() {
        String[] content = outputDirectory.list();
        return content != null && content.length > 0;
    }

    private void addSourceRoot() {
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    }

    private String relative(File f) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        Path p = f.toPath().toAbsolutePath();
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }
}
