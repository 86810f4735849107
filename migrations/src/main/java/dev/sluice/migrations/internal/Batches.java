package dev.sluice.migrations.internal;

/** How seeds are loaded in parts: the rows per batch, after each of which the progress is told. */
public final class Batches {
    /** Rows per batch when seeding (the bulk loader's batch size). */
    public static final int SIZE = 500;

    private Batches() {}
}
