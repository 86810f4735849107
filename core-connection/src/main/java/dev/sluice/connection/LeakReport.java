package dev.sluice.connection;

import java.time.Duration;

/**
 * A connection was out of the pool longer than the leak detection threshold.
 *
 * @param pool the pool name
 * @param thread the name of the thread that borrowed it
 * @param heldFor how long it had been out when reported
 * @param borrowedAt an exception whose stack trace is where the connection was borrowed
 */
public record LeakReport(String pool, String thread, Duration heldFor, Throwable borrowedAt) {}
