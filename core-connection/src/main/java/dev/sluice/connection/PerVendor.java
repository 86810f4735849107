package dev.sluice.connection;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One object per vendor: how a module finds its own part of a vendor's description. core-connection describes each
 * vendor in one descriptor; a module above it that has vendor-specific knowledge of its own (the query module's jOOQ
 * side, the migrations module's catalog readers, the testkit's server finders) keeps it in one class per vendor, and
 * this registry finds the class for a {@link Vendor} without a {@code switch}. Each part names the vendor it serves; a
 * missing or doubled part fails when the registry is built and says which vendor, so adding a vendor means adding
 * classes, never editing a switch.
 *
 * <pre>{@code
 * private static final PerVendor<QueryDialect> ALL = PerVendor.of("query dialect", QueryDialect::vendor,
 *         List.of(new PostgresQueryDialect(), new MySqlQueryDialect(), new SqliteQueryDialect()));
 * QueryDialect d = ALL.get(vendor);
 * }</pre>
 *
 * @param <T> the type of the parts
 */
public final class PerVendor<T> {
    private final String what;
    private final Map<Vendor, T> parts;

    private PerVendor(String what, Map<Vendor, T> parts) {
        this.what = what;
        this.parts = parts;
    }

    /**
     * A registry with a part for every vendor.
     *
     * @param what what the parts are, for messages ({@code "query dialect"})
     * @param vendorOf the vendor a part serves
     * @param parts one part per vendor
     * @throws IllegalStateException when a vendor has no part or two
     */
    public static <T> PerVendor<T> of(String what, Function<? super T, Vendor> vendorOf, List<? extends T> parts) {
        return of(what, vendorOf, vendor -> true, parts);
    }

    /**
     * A registry with a part for each vendor {@code needed} accepts, such as only the vendors that have a server.
     *
     * @param what what the parts are, for messages
     * @param vendorOf the vendor a part serves
     * @param needed the vendors that must have a part; others may have one
     * @param parts at most one part per vendor
     * @throws IllegalStateException when a needed vendor has no part, or a vendor has two
     */
    public static <T> PerVendor<T> of(String what, Function<? super T, Vendor> vendorOf, Predicate<Vendor> needed,
            List<? extends T> parts) {
        Map<Vendor, T> byVendor = new EnumMap<>(Vendor.class);
        for (T part : parts) {
            Vendor v = vendorOf.apply(part);
            T before = byVendor.put(v, part);
            if (before != null) {
                throw new IllegalStateException("Two " + what + "s for " + v.displayName() + ": " + before.getClass().getName()
                        + " and " + part.getClass().getName());
            }
        }
        for (Vendor v : Vendor.values()) {
            if (needed.test(v) && !byVendor.containsKey(v)) {
                throw new IllegalStateException("No " + what + " for " + v.displayName() + ": add a class for it beside the others");
            }
        }
        return new PerVendor<>(what, Collections.unmodifiableMap(byVendor));
    }

    /**
     * The part of {@code vendor}.
     *
     * @throws IllegalArgumentException when the vendor has none (it was not needed)
     */
    public T get(Vendor vendor) {
        T part = parts.get(vendor);
        if (part == null) {
            throw new IllegalArgumentException(vendor == null ? "No vendor given for the " + what : vendor.displayName() + " has no " + what);
        }
        return part;
    }

    /** Whether {@code vendor} has a part. */
    public boolean has(Vendor vendor) {
        return vendor != null && parts.containsKey(vendor);
    }

    /** The parts, in the order of {@link Vendor#values()}. */
    public Collection<T> all() {
        return parts.values();
    }
}
