package org.jkeepalived.vrrp.port;

/** Receives {@link PortEvent}s from the port's threads. Implementations must only enqueue. */
@FunctionalInterface
public interface PortListener {
    void onEvent(PortEvent event);
}
