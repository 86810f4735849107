package dev.sluice.connection;

/**
 * Work a {@link Cluster} runs on several nodes at once ({@link Cluster#fanOut}): each node's run gets its own virtual
 * thread and the fan-out's deadline.
 *
 * @param <T> what the work gives for one node
 */
@FunctionalInterface
public interface NodeWork<T> {
    /**
     * Does the work on one node.
     *
     * @param node the node
     * @param call lets the work say how to stop it when the deadline passes ({@code call.onCancel(statement::cancel)});
     *     the thread is interrupted too
     * @throws Exception any failure: it becomes this node's error entry and does not affect the other nodes
     */
    T run(ClusterNode node, Call call) throws Exception;

    /** One node's run of the work. */
    interface Call {
        /**
         * Registers how to stop the work when the deadline passes before it finishes (cancel a statement, abort a
         * connection). Runs at once when the deadline has already passed.
         */
        void onCancel(Runnable action);
    }
}
