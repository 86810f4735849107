package dev.sluice.query;

import dev.sluice.connection.Vendor;
import java.util.List;

/**
 * What {@link Database#verifyTenantIsolation()} found: the role the application's sessions run as, the tenant tables
 * checked, and every problem that would let a session see or change another tenant's rows. On vendors without
 * row-level security there is nothing to check on the server; {@link #limitation()} says what isolation rests on.
 *
 * @param vendor the vendor
 * @param role the role the pool's sessions run as, or {@code null} on vendors without roles
 * @param tables the tenant tables checked
 * @param problems what is wrong, one sentence each, naming the role or table and the fix; empty when isolated
 * @param limitation on vendors without row-level security, what tenant isolation rests on instead; else {@code null}
 */
public record TenantIsolationReport(Vendor vendor, String role, List<String> tables, List<String> problems, String limitation) {
    /** Makes the lists immutable. */
    public TenantIsolationReport {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean isolated() {
        return problems.isEmpty();
    }

    /** One line: what holds, or the problems. */
    public String summary() {
        if (!isolated()) {
            return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with tenant isolation: "
                    + String.join("; ", problems);
        }
        if (limitation != null) {
            return limitation;
        }
        return "row-level security applies to role " + role + " on all " + tables.size() + " tenant tables ("
                + String.join(", ", tables) + ")";
    }
}
