package dev.sluice.connection.internal;

import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.Durations;
import dev.sluice.connection.NodeResult;
import dev.sluice.connection.NodeWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on several nodes at once, each on its own virtual thread, under one deadline: a node that fails yields
 * its error, a node still running at the deadline yields a timeout (its registered cancel actions run and its thread is
 * interrupted when it registered none), and neither holds up the others nor the caller beyond the deadline.
 */
public final class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private FanOut() {}

    /**
     * Runs {@code work} on every node of {@code nodes} and returns one result per node, in their order, at the latest
     * when {@code timeout} has passed.
     */
    public static <T> List<NodeResult<T>> run(List<ClusterNode> nodes, NodeWork<T> work, Duration timeout, ExecutorService executor) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Running<T>> running = new ArrayList<>(nodes.size());
        for (ClusterNode node : nodes) {
            Running<T> r = new Running<>(node);
            r.future = executor.submit(() -> {
                try {
                    return work.run(node, r);
                } finally {
                    r.finishedNanos = System.nanoTime();
                }
            });
            running.add(r);
        }
        List<NodeResult<T>> results = new ArrayList<>(nodes.size());
        for (Running<T> r : running) {
            results.add(r.await(start, deadline, timeout));
        }
        return results;
    }

    /** One node's run: its future, when it finished, and how to stop it. */
    private static final class Running<T> implements NodeWork.Call {
        private final ClusterNode node;
        private final List<Runnable> onCancel = new ArrayList<>();
        private boolean cancelled; // guarded by onCancel
        private Future<T> future;
        private volatile long finishedNanos;

        Running(ClusterNode node) {
            this.node = node;
        }

        @Override
        public void onCancel(Runnable action) {
            synchronized (onCancel) {
                if (!cancelled) {
                    onCancel.add(action);
                    return;
                }
            }
            runQuietly(action);
        }

        NodeResult<T> await(long start, long deadline, Duration timeout) {
            try {
                T value = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return new NodeResult<>(node.id(), value, null, Duration.ofNanos(finishedNanos - start));
            } catch (TimeoutException e) {
                cancel();
                return new NodeResult<>(node.id(), null, new TimeoutException("node '" + node.id() + "' did not answer within "
                        + Durations.format(timeout)), Duration.ofNanos(System.nanoTime() - start));
            } catch (ExecutionException e) {
                return new NodeResult<>(node.id(), null, e.getCause(), Duration.ofNanos(finishedNanos - start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                return new NodeResult<>(node.id(), null, e, Duration.ofNanos(System.nanoTime() - start));
            }
        }

        private void cancel() {
            List<Runnable> actions;
            synchronized (onCancel) {
                cancelled = true;
                actions = List.copyOf(onCancel);
            }
            if (actions.isEmpty()) {
                future.cancel(true); // interrupting a virtual thread ends its blocking socket read or pool wait
                return;
            }
            // the work said how to stop it (a statement cancel keeps the connection usable); on a thread of its own, as
            // a cancel request waits on the network and must not hold up the caller
            future.cancel(false);
            CompletableFuture.runAsync(() -> actions.forEach(FanOut::runQuietly), Thread::startVirtualThread);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.debug("cancelling a fan-out's work failed: {}", e.toString());
        }
    }
}
