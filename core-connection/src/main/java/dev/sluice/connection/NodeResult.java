package dev.sluice.connection;

import java.time.Duration;

/**
 * What one node gave in a fan-out ({@link Cluster#queryAll}): a value, or the error or timeout that stopped it, with
 * the time it took. A failing or slow node yields its entry and never fails the others.
 *
 * @param node the node's id
 * @param value the value, or {@code null} when the node failed
 * @param error why the node has no value (a {@link java.util.concurrent.TimeoutException} when it ran out of time), or
 *     {@code null}
 * @param elapsed from the start of the fan-out until the node answered, failed or ran out of time
 * @param <T> the type of value
 */
public record NodeResult<T>(String node, T value, Throwable error, Duration elapsed) {
    /** Whether the node gave a value. */
    public boolean isOk() {
        return error == null;
    }

    /** Whether the node ran out of time. */
    public boolean timedOut() {
        return error instanceof java.util.concurrent.TimeoutException;
    }

    /** The error's message, with secrets masked; {@code null} when the node gave a value. */
    public String errorMessage() {
        if (error == null) {
            return null;
        }
        return Redaction.redact(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    @Override
    public String toString() {
        return "NodeResult[" + node + " " + (isOk() ? "ok" : "error: " + errorMessage()) + " in " + elapsed.toMillis() + " ms]";
    }
}
