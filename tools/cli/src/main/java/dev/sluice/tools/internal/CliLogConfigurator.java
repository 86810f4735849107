package dev.sluice.tools.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The CLI's logging set up in code, found by logback as a service: library logs go to stderr as
 * {@code HH:mm:ss.SSS LEVEL logger - message}. Replaces a {@code logback.xml}, whose XML configurator loads some 350
 * more classes and costs a few hundred milliseconds on every run of a command that mostly prints one line. A user's
 * own {@code -Dlogback.configurationFile} still wins: then this configurator steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class CliLogConfigurator extends ContextAwareBase implements Configurator {
    /** Called by logback's service loader. */
    public CliLogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(context);
        err.setName("ERR");
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN); // the CLI sets the levels it wants once it knows about --verbose (Logging)
        root.addAppender(err);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** One event as one line (plus its stack trace, if any), without a pattern to parse. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder b = new StringBuilder(128)
                    .append(TIME.format(LocalTime.ofInstant(event.getInstant(), ZoneId.systemDefault()))).append(' ')
                    .append(String.format("%-5s", event.getLevel())).append(' ')
                    .append(shortName(event.getLoggerName())).append(" - ").append(event.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                b.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return b.toString();
        }

        /** {@code com.zaxxer.hikari.pool.HikariPool} as {@code c.z.h.pool.HikariPool}: the tail kept, packages cut to a letter. */
        static String shortName(String name) {
            if (name.length() <= 24) {
                return name;
            }
            String[] parts = name.split("\\.");
            StringBuilder b = new StringBuilder();
            int remaining = name.length();
            for (int i = 0; i < parts.length - 1; i++) {
                if (remaining > 24) {
                    b.append(parts[i].charAt(0)).append('.');
                    remaining -= parts[i].length() - 1;
                } else {
                    b.append(parts[i]).append('.');
                }
            }
            return b.append(parts[parts.length - 1]).toString();
        }
    }
}
