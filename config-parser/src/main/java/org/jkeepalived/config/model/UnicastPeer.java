package org.jkeepalived.config.model;

/**
 * A {@code unicast_peer} entry.
 *
 * @param address peer address
 * @param minTtl  minimum accepted TTL (default 0)
 * @param maxTtl  maximum accepted TTL (default 255)
 */
public record UnicastPeer(String address, int minTtl, int maxTtl) {
}
