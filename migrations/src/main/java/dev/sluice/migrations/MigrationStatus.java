package dev.sluice.migrations;

import java.time.Instant;

/**
 * One line of {@link Migrations#info()}.
 *
 * @param version the version, or {@code null} for repeatable migrations
 * @param description the description
 * @param script the script name
 * @param state where it stands: {@link MigrationState#SUCCESS}, {@link MigrationState#PENDING},
 *     {@link MigrationState#FAILED}...
 * @param installedOn when it was applied, or {@code null}
 * @param hasDownScript whether a {@code U} script exists beside it, so it can be rolled back
 */
public record MigrationStatus(String version, String description, String script, MigrationState state, Instant installedOn, boolean hasDownScript) {}
