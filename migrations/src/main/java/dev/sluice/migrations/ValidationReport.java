package dev.sluice.migrations;

import java.util.List;

/**
 * What {@link Migrations#validate()} found.
 *
 * @param valid whether the applied migrations match the scripts
 * @param problems one line per problem, naming the script
 */
public record ValidationReport(boolean valid, List<String> problems) {
    /** Copies the list. */
    public ValidationReport {
        problems = List.copyOf(problems);
    }
}
