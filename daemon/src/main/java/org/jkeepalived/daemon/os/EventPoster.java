package org.jkeepalived.daemon.os;

/**
 * How a worker thread hands a completion to the daemon's single-threaded event loop. The loop
 * owns all state; an event posted here runs later on the loop thread, in posting order.
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface EventPoster {
    /** Queues {@code event} to run on the event-loop thread. */
    void post(Runnable event);
}
