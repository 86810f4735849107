package dev.sluice.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Library logs go to stderr: warnings only, unless {@code --verbose}. */
final class Logging {
    private Logging() {}

    static void configure(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.ERROR);
        ((Logger) LoggerFactory.getLogger("dev.sluice")).setLevel(verbose ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).setLevel(verbose ? Level.INFO : Level.ERROR);
    }
}
