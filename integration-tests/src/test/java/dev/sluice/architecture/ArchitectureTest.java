package dev.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the module structure honest, checked over the production classes of every shipped module:
 * only core-connection opens connections; dependencies point one way; no package cycles; internals stay internal.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Sluice's modules arrive as jars (from the reactor or the local repository); only dev.sluice classes are imported
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");
    }

    @Test
    void theRulesSeeEveryModule() {
        // guard against a rule passing because it imported nothing
        for (String pkg : new String[] {"dev.sluice.connection", "dev.sluice.testkit", "dev.sluice.tools", "dev.sluice.maven",
            "dev.sluice.monitoring", "dev.sluice.studio"}) {
            org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of " + pkg + " imported").isTrue();
        }
    }

    @Test
    void onlyCoreConnectionCreatesPoolsOrOpensConnections() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.sluice.connection..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.zaxxer.hikari.HikariDataSource")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.zaxxer.hikari.HikariConfig")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
                .orShould().callMethod(java.sql.Driver.class, "connect", String.class, java.util.Properties.class)
                .orShould().callMethod(javax.sql.DataSource.class, "getConnection", String.class, String.class)
                .because("core-connection is the only module that opens connections; everyone else borrows from a ConnectionManager");
        rule.check(classes);
    }

    @Test
    void coreConnectionDependsOnNoOtherSluiceModule() {
        noClasses().that().resideInAPackage("dev.sluice.connection..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.schema..", "dev.sluice.query..",
                        "dev.sluice.migrations..", "dev.sluice.tools..", "dev.sluice.testkit..", "dev.sluice.examples..",
                        "dev.sluice.maven..", "dev.sluice.monitoring..", "dev.sluice.studio..")
                .check(classes);
    }

    @Test
    void monitoringDependsOnCoreConnectionOnlyAndNothingLibraryDependsOnIt() {
        noClasses().that().resideInAPackage("dev.sluice.monitoring..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.schema..", "dev.sluice.query..",
                        "dev.sluice.migrations..", "dev.sluice.tools..", "dev.sluice.maven..")
                .because("an application mounts the monitoring handlers with core-connection alone; sluice serve passes "
                        + "the migrations' version reader in")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.sluice.schema..", "dev.sluice.query..", "dev.sluice.migrations..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.monitoring..")
                .check(classes);
    }

    @Test
    void dependenciesPointOneWay() {
        noClasses().that().resideInAPackage("dev.sluice.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.migrations..", "dev.sluice.schema..", "dev.sluice.tools..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("dev.sluice.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.connection..", "dev.sluice.query..",
                        "dev.sluice.migrations..", "dev.sluice.tools..")
                .because("schema holds only scripts, generated classes and seed generators: no connections")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("dev.sluice.migrations..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.tools..", "dev.sluice.maven..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.sluice.testkit..").and().resideOutsideOfPackage("dev.sluice.maven..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.testkit..")
                .because("testkit is for tests (and for the Maven plugin, a build tool: it starts throwaway databases with "
                        + "PostgresInstance or Testcontainers when no server is configured)")
                .check(classes);
    }

    @Test
    void internalsAreUsedOnlyByTheirOwnModule() {
        for (String module : new String[] {"connection", "schema", "query", "migrations", "monitoring", "studio", "testkit", "tools", "maven"}) {
            noClasses().that().resideOutsideOfPackage("dev.sluice." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.sluice." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void noCyclesBetweenModules() {
        // Within a module the public API and its internal package refer to each other by design (as org.jooq and
        // org.jooq.impl do); between modules there must be no cycle at all.
        slices().matching("dev.sluice.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesInsideInternalPackages() {
        slices().matching("dev.sluice.*.internal.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
