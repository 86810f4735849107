package dev.sluice.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Library logs go to stderr: Sluice's warnings only, unless {@code --verbose}. Flyway's log is off without
 * {@code --verbose}: its ERROR lines repeat what the command's one-line error says, and its INFO lines carry edition
 * and upsell text.
 */
final class Logging {
    /**
     * pgjdbc logs through java.util.logging, whose default handler prints to stderr: a failed certificate check, for
     * one, comes out as a SEVERE line with a stack trace beside the CLI's one-line error. Without {@code --verbose}
     * it is silenced. Held here because java.util.logging keeps loggers only weakly, and a collected logger would
     * forget its level.
     */
    private static final java.util.logging.Logger PGJDBC = java.util.logging.Logger.getLogger("org.postgresql");

    private Logging() {}

    static void configure(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.ERROR);
        ((Logger) LoggerFactory.getLogger("dev.sluice")).setLevel(verbose ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).setLevel(verbose ? Level.INFO : Level.ERROR);
        ((Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(verbose ? Level.INFO : Level.OFF);
        PGJDBC.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.OFF);
    }
}
