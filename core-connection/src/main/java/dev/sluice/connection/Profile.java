package dev.sluice.connection;

/** Which defaults suit the environment a pool runs in. Explicit settings always win over a profile's defaults. */
public enum Profile {
    /** Production defaults: leak detection off. */
    PRODUCTION,
    /** Development defaults: leak detection on (10s), so a connection that is never closed is reported with its stack. */
    DEVELOPMENT
}
