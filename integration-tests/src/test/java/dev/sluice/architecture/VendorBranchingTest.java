package dev.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.connection.Vendor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One descriptor per vendor is the only place a vendor difference lives (issue 14). Outside the descriptor families no
 * production class names a vendor: it reads no {@link Vendor} constant (a comparison, a {@code switch}, which javac
 * compiles into reads of the constants and {@code ordinal()}), no {@link SQLDialect} constant (a jOOQ dialect branch),
 * and does not ask {@code ServerInfo.isMariaDb()}. It asks the descriptor instead: {@link Vendor}'s methods, or its
 * module's companion ({@code QueryDialect}, {@code MigrationDialect}, {@code ServerKind}, {@code BackupTool}) found by
 * {@code PerVendor}.
 */
class VendorBranchingTest {
    /**
     * The descriptor families: a class that is one of these (or nested in one) describes a vendor and may name it.
     * Adding a vendor means adding one subclass of each.
     */
    static final List<String> FAMILIES = List.of(
            "dev.sluice.connection.Vendor",
            "dev.sluice.connection.internal.VendorNaming", // VendorDescriptor and its subclasses
            "dev.sluice.query.internal.QueryDialect",
            "dev.sluice.migrations.internal.MigrationDialect",
            "dev.sluice.testkit.internal.ServerKind",
            "dev.sluice.connection.internal.BackupTool"); // how each vendor's databases are backed up (Backups)

    /** The places outside the families that name a vendor, each with the reason it may. Keep it short. */
    static final Map<String, String> ALLOWED = Map.of(
            "dev.sluice.schema.UtcTimestampBinding",
            "a jOOQ Binding sees only jOOQ's context and runs wherever generated classes run, also without core-connection, "
                    + "on which the schema module does not depend: it decides on jOOQ's dialect (see its asText)",
            "dev.sluice.testkit.TestDatabases",
            "postgres(), mysql() and sqlite() are named shortcuts for create(Vendor): they choose a vendor, they do not branch",
            "dev.sluice.testkit.PostgresInstance",
            "a PostgreSQL server started from the PostgreSQL binaries: PostgreSQL is what the class is, and standsInFor(Vendor) "
                    + "lets callers (the Maven plugin) ask instead of comparing",
            "dev.sluice.testkit.MariaDbInstance",
            "a MariaDB server started from the MariaDB binaries: it names its vendor (MySQL family) in the TestServer it returns, "
                    + "it does not branch");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sluice");
    }

    @Test
    void noClassOutsideTheDescriptorsBranchesOnTheVendor() {
        Map<String, Set<String>> found = namingsByClass();
        Map<String, Set<String>> unexpected = new TreeMap<>(found);
        ALLOWED.keySet().forEach(unexpected::remove);
        assertThat(unexpected)
                .as("classes outside the vendor descriptors that name a vendor; move the difference into the descriptor "
                        + "(core-connection) or the module's companion, or list the class in ALLOWED with the reason")
                .isEmpty();
    }

    @Test
    void everyAllowedPlaceStillNamesAVendor() {
        // a stale entry would let a new branch in unnoticed
        assertThat(namingsByClass().keySet()).containsAll(ALLOWED.keySet());
    }

    @Test
    void theRuleSeesTheDescriptorsAndWhatTheyName() {
        // guard against a rule that passes because it recognises nothing: the families themselves name every vendor
        Map<String, Set<String>> inFamilies = new TreeMap<>();
        for (JavaClass c : classes) {
            if (inFamily(topLevel(c))) {
                Set<String> n = namings(c);
                if (!n.isEmpty()) {
                    inFamilies.computeIfAbsent(topLevel(c).getName(), k -> new TreeSet<>()).addAll(n);
                }
            }
        }
        Set<String> named = inFamilies.values().stream().flatMap(Set::stream).map(s -> s.replaceAll(" \\(line \\d+\\)$", ""))
                .collect(Collectors.toSet());
        for (Vendor v : Vendor.values()) {
            assertThat(named).contains("Vendor." + v.name());
        }
        assertThat(named).contains("SQLDialect.MARIADB", "ServerInfo.isMariaDb()");
        assertThat(inFamilies).containsKeys("dev.sluice.connection.internal.PostgresDescriptor",
                "dev.sluice.query.internal.MySqlQueryDialect", "dev.sluice.migrations.internal.SqliteMigrationDialect",
                "dev.sluice.testkit.internal.PostgresServerKind");
    }

    /** What each class outside the families names, by top-level class. */
    private static Map<String, Set<String>> namingsByClass() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (JavaClass c : classes) {
            JavaClass top = topLevel(c);
            if (inFamily(top)) {
                continue;
            }
            Set<String> n = namings(c);
            if (!n.isEmpty()) {
                found.computeIfAbsent(top.getName(), k -> new TreeSet<>()).addAll(n);
            }
        }
        return found;
    }

    /** The vendor constants, dialect constants and vendor questions a class's code uses (a switch's synthetic class included). */
    private static Set<String> namings(JavaClass c) {
        Set<String> vendors = Arrays.stream(Vendor.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> dialects = Arrays.stream(SQLDialect.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> out = new TreeSet<>();
        c.getFieldAccessesFromSelf().forEach(a -> {
            String owner = a.getTarget().getOwner().getName();
            String field = a.getTarget().getName();
            if (owner.equals(Vendor.class.getName()) && vendors.contains(field)) {
                out.add("Vendor." + field + at(a));
            } else if (owner.equals(SQLDialect.class.getName()) && dialects.contains(field)) {
                out.add("SQLDialect." + field + at(a));
            }
        });
        c.getMethodCallsFromSelf().forEach(call -> {
            String owner = call.getTarget().getOwner().getName();
            String method = call.getTarget().getName();
            if ((owner.equals(Vendor.class.getName()) || owner.equals(SQLDialect.class.getName())) && method.equals("ordinal")) {
                out.add("switch over " + call.getTarget().getOwner().getSimpleName() + at(call));
            } else if (owner.equals("dev.sluice.connection.ServerInfo") && method.equals("isMariaDb")) {
                out.add("ServerInfo.isMariaDb()" + at(call));
            }
        });
        return out;
    }

    private static String at(JavaAccess<?> a) {
        return " (line " + a.getLineNumber() + ")";
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        // javac's switch-map class Outer$1 may not report its enclosing class
        String name = t.getName();
        int dollar = name.indexOf('$');
        return dollar < 0 ? t : classes.get(name.substring(0, dollar));
    }

    private static boolean inFamily(JavaClass top) {
        return FAMILIES.stream().anyMatch(top::isAssignableTo);
    }
}
