package dev.sluice.migrations;

/**
 * Where one migration stands, from its script and the history table: the states Flyway distinguishes, under Sluice's
 * own type so that callers do not depend on Flyway's. {@link #displayName()} is the word tools print
 * ({@code Success}, {@code Pending}, {@code Failed}...).
 */
public enum MigrationState {
    /** Not applied yet; the next migrate applies it. */
    PENDING("Pending", false, false),
    /** Not applied, and newer than the target version of this run. */
    ABOVE_TARGET("Above Target", false, false),
    /** Not applied, and older than the baseline, so never applied. */
    BELOW_BASELINE("Below Baseline", false, false),
    /** A script at the baseline version: the baseline stands for it, so it is never applied. */
    BASELINE_IGNORED("Ignored (Baseline)", false, false),
    /** The baseline row: the database was taken as being at this version without running scripts up to it. */
    BASELINE("Baseline", true, false),
    /** Not applied although later ones are: an out-of-order script that the configuration ignores. */
    IGNORED("Ignored", false, false),
    /** Applied, but its script is gone. */
    MISSING("Missing", true, false),
    /** Applied and failed, and its script is gone. */
    MISSING_FAILED("Failed (Missing)", true, true),
    /** Applied. */
    SUCCESS("Success", true, false),
    /** Undone by an undo migration. */
    UNDONE("Undone", true, false),
    /** An undo migration that can be applied. */
    AVAILABLE("Available", false, false),
    /** Applied and failed: undo what it left, then repair. */
    FAILED("Failed", true, true),
    /** Applied out of order, after a newer version. */
    OUT_OF_ORDER("Out of Order", true, false),
    /** Applied, and newer than every script: the database comes from newer code. */
    FUTURE("Future", true, false),
    /** Applied and failed, and newer than every script. */
    FUTURE_FAILED("Failed (Future)", true, true),
    /** A repeatable migration applied in an older version of its script. */
    OUTDATED("Outdated", true, false),
    /** A repeatable migration applied in an older version and since applied again. */
    SUPERSEDED("Superseded", true, false),
    /** A history row marked deleted by repair. */
    DELETED("Deleted", true, false);

    private final String displayName;
    private final boolean applied;
    private final boolean failed;

    MigrationState(String displayName, boolean applied, boolean failed) {
        this.displayName = displayName;
        this.applied = applied;
        this.failed = failed;
    }

    /** The word for tables and JSON: {@code Success}, {@code Pending}, {@code Failed}... (Flyway's display names). */
    public String displayName() {
        return displayName;
    }

    /** Whether the history table records it as applied (successfully or not). */
    public boolean isApplied() {
        return applied;
    }

    /** Whether it was applied and failed: the database needs attention, then {@link Migrations#repair()}. */
    public boolean isFailed() {
        return failed;
    }

    /** Flyway's state as Sluice's; one Flyway adds later maps by what it says of itself. */
    static MigrationState of(org.flywaydb.core.api.MigrationState s) {
        return switch (s) {
            case PENDING -> PENDING;
            case ABOVE_TARGET -> ABOVE_TARGET;
            case BELOW_BASELINE -> BELOW_BASELINE;
            case BASELINE_IGNORED -> BASELINE_IGNORED;
            case BASELINE -> BASELINE;
            case IGNORED -> IGNORED;
            case MISSING_SUCCESS -> MISSING;
            case MISSING_FAILED -> MISSING_FAILED;
            case SUCCESS -> SUCCESS;
            case UNDONE -> UNDONE;
            case AVAILABLE -> AVAILABLE;
            case FAILED -> FAILED;
            case OUT_OF_ORDER -> OUT_OF_ORDER;
            case FUTURE_SUCCESS -> FUTURE;
            case FUTURE_FAILED -> FUTURE_FAILED;
            case OUTDATED -> OUTDATED;
            case SUPERSEDED -> SUPERSEDED;
            case DELETED -> DELETED;
            default -> s.isFailed() ? FAILED : s.isApplied() ? SUCCESS : PENDING;
        };
    }
}
