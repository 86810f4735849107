package dev.sluice.connection;

import java.util.Map;

/**
 * What a server's row-level security looks like from one session: the role the session runs as (after the pool's
 * {@code SET ROLE}) and, for each table asked about, whether the policies apply to that role. Read by
 * {@link Vendor#rowSecurity}; only vendors with row-level security (PostgreSQL) have one.
 *
 * @param role the role the session runs as ({@code current_user})
 * @param superuser whether the role is a superuser (row-level security never applies to it)
 * @param bypassesRowSecurity whether the role has BYPASSRLS
 * @param tables the tables asked about, by name; a table that does not exist is absent
 */
public record RowSecurity(String role, boolean superuser, boolean bypassesRowSecurity, Map<String, Table> tables) {
    /** Makes the map immutable. */
    public RowSecurity {
        tables = Map.copyOf(tables);
    }

    /**
     * One table.
     *
     * @param ownedByRole whether the role owns the table or is a member of its owner (so it could turn row-level
     *     security off)
     * @param enabled whether row-level security is enabled
     * @param forced whether it is forced, so that it applies to the table's owner too
     * @param policies how many policies apply to the role
     */
    public record Table(boolean ownedByRole, boolean enabled, boolean forced, int policies) {}
}
