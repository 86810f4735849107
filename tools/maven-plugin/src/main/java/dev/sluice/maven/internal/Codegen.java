package dev.sluice.maven.internal;

import dev.sluice.connection.Vendor;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.Databases;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;

/**
 * jOOQ's code generator run against a live database by introspection (its catalog queries, as jOOQ's own Maven
 * plugin does with a JDBC connection), never by parsing scripts: what the migrations really built is what gets
 * generated, PL/pgSQL, triggers and all.
 */
public final class Codegen {
    /** The jOOQ type names the UTC timestamp binding is attached to, on every vendor. */
    static final String TIMESTAMPTZ_TYPES = "(?i:TIMESTAMP\\s*WITH\\s*TIME\\s*ZONE|TIMESTAMPTZ)(\\(\\d+\\))?";
    /** Sluice's binding for those columns (in sluice-schema). */
    static final String UTC_BINDING = "dev.sluice.schema.types.UtcTimestampBinding";

    private Codegen() {}

    /**
     * What to generate.
     *
     * @param packageName the package of the generated classes
     * @param directory where they are written (its previous content is replaced)
     * @param includes jOOQ's includes: a regular expression of object names ({@code .*} for all)
     * @param excludes jOOQ's excludes; the migration history tables are always excluded
     * @param forcedTypes jOOQ forced types, as configured
     * @param records generate records
     * @param pojos generate POJOs
     * @param daos generate DAOs (implies POJOs)
     * @param utcTimestamps bind every {@code timestamptz} column with {@code UtcTimestampBinding}
     * @param historyTables the tables the migration tools keep for themselves
     */
    public record Options(String packageName, File directory, String includes, String excludes, List<ForcedType> forcedTypes,
            boolean records, boolean pojos, boolean daos, boolean utcTimestamps, List<String> historyTables) {
        /** Copies the lists. */
        public Options {
            forcedTypes = List.copyOf(forcedTypes);
            historyTables = List.copyOf(historyTables);
        }
    }

    /**
     * Generates classes for the tables, views, enums and routines of {@code connection}'s current schema (PostgreSQL),
     * database (MySQL) or main database (SQLite). The generated code names no schema, so it works in whatever
     * database the application connects to.
     *
     * @param vendor the database's vendor, which says where its tables live
     * @param dialect the jOOQ dialect of the server
     * @param loader loads jOOQ's generator classes
     * @throws Exception as jOOQ's generator throws it
     */
    public static void generate(Connection connection, Vendor vendor, SQLDialect dialect, Options options, ClassLoader loader)
            throws Exception {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.setClassLoader(loader);
        tool.run(configuration(connection, vendor, dialect, options));
    }

    static Configuration configuration(Connection connection, Vendor vendor, SQLDialect dialect, Options o) throws SQLException {
        Database database = new Database()
                .withName(databaseClass(dialect))
                .withIncludes(o.includes() == null || o.includes().isBlank() ? ".*" : o.includes())
                .withExcludes(excludes(o))
                .withOutputSchemaToDefault(true)
                .withForcedTypes(forcedTypes(o));
        String schema = vendor.currentSchema(connection);
        if (schema != null) {
            database.withInputSchema(schema);
        }
        boolean pojos = o.pojos() || o.daos();
        return new Configuration()
                .withLogging(Logging.WARN)
                .withOnUnused(org.jooq.meta.jaxb.OnError.SILENT)
                .withGenerator(new Generator()
                        .withName("org.jooq.codegen.JavaGenerator")
                        .withDatabase(database)
                        .withGenerate(new Generate()
                                .withRecords(o.records() || pojos)
                                .withPojos(pojos)
                                .withDaos(o.daos())
                                .withKeys(true)
                                .withIndexes(true)
                                .withJavadoc(true)
                                .withComments(true)
                                // a MySQL view's source names the throwaway database; the output must not change with it
                                .withSourcesOnViews(false)
                                // the output must not depend on when or where it was generated
                                .withGeneratedAnnotation(false))
                        .withTarget(new Target()
                                .withPackageName(o.packageName())
                                .withDirectory(o.directory().getAbsolutePath())
                                .withClean(true)));
    }

    /**
     * jOOQ's meta database for the server's dialect. For MariaDB that is jOOQ's MariaDB database, checked on MariaDB
     * 10.11: unlike jOOQ's runtime {@code meta()}, which queries {@code IS_SYSTEM_TIME_PERIOD_START} and fails there, it
     * reads the information_schema columns 10.11 has; and unlike jOOQ's MySQL database, it reads MariaDB's column
     * defaults as the expressions they are ({@code 'paperback'}, {@code NULL}) instead of as text that would insert
     * the quotes.
     */
    static String databaseClass(SQLDialect dialect) {
        return Databases.databaseClass(dialect.family()).getName();
    }

    private static String excludes(Options o) {
        List<String> parts = new ArrayList<>();
        for (String t : o.historyTables()) {
            parts.add("(?i:" + java.util.regex.Pattern.quote(t) + ")");
        }
        if (o.excludes() != null && !o.excludes().isBlank()) {
            parts.add("(?:" + o.excludes() + ")");
        }
        return String.join("|", parts);
    }

    private static List<ForcedType> forcedTypes(Options o) {
        List<ForcedType> out = new ArrayList<>(o.forcedTypes());
        if (o.utcTimestamps()) {
            out.add(new ForcedType()
                    .withUserType("java.time.OffsetDateTime")
                    .withBinding(UTC_BINDING)
                    .withIncludeTypes(TIMESTAMPTZ_TYPES));
        }
        return out;
    }
}
