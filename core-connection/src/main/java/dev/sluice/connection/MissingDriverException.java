package dev.sluice.connection;

/**
 * The JDBC driver for a vendor is not on the class path. Drivers are optional dependencies of Sluice; the message
 * names the vendor, the driver class and the exact Maven coordinates to add.
 */
public class MissingDriverException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Vendor vendor;
    private final String driverClassName;
    private final String coordinates;

    /**
     * @param vendor the vendor whose driver is missing
     * @param driverClassName the class that could not be loaded
     * @param coordinates the Maven coordinates, {@code group:artifact:version}
     */
    public MissingDriverException(Vendor vendor, String driverClassName, String coordinates) {
        super(message(vendor, driverClassName, coordinates));
        this.vendor = vendor;
        this.driverClassName = driverClassName;
        this.coordinates = coordinates;
    }

    private static String message(Vendor vendor, String driverClassName, String coordinates) {
        String[] gav = coordinates.split(":");
        return "No JDBC driver for " + vendor.displayName() + ": class " + driverClassName
                + " is not on the class path. Add the Maven dependency " + coordinates
                + " (<dependency><groupId>" + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>"
                + gav[2] + "</version></dependency>)";
    }

    /** The vendor whose driver is missing. */
    public Vendor vendor() {
        return vendor;
    }

    /** The driver class that could not be loaded. */
    public String driverClassName() {
        return driverClassName;
    }

    /** The Maven coordinates to add, {@code group:artifact:version}. */
    public String coordinates() {
        return coordinates;
    }
}
