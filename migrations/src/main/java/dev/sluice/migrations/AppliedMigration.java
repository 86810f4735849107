package dev.sluice.migrations;

import java.time.Duration;

/**
 * One migration that was applied or rolled back.
 *
 * @param version its version ({@code 2})
 * @param description its description ({@code event indexes and form description})
 * @param script the script that ran ({@code V2__event_indexes_and_form_description.sql})
 * @param took how long it took
 */
public record AppliedMigration(String version, String description, String script, Duration took) {}
