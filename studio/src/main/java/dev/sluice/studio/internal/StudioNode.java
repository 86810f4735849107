package dev.sluice.studio.internal;

import dev.sluice.connection.ConnectionManager;

/**
 * One node whose health the studio shows.
 *
 * @param id the node's id (a single database: its pool's name)
 * @param required whether the whole is unhealthy when this node is
 * @param connections its pool
 */
public record StudioNode(String id, boolean required, ConnectionManager connections) {}
