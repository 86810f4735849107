package dev.sluice.connection;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged (messages and stack traces) while open, to check what reaches the logs. */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Level previous;

    LogCapture() {
        appender.start();
        root.addAppender(appender);
        previous = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG); // the most verbose setting a user might run with
    }

    /** All captured text: formatted messages and stack traces. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
    }
}
