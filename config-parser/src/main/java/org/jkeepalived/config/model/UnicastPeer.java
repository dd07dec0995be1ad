package org.jkeepalived.config.model;

/**
 * A {@code unicast_peer} entry.
 *
 * @param address peer address
 * @param minTtl  minimum accepted TTL, or -1 when unset
 * @param maxTtl  maximum accepted TTL, or -1 when unset
 */
public record UnicastPeer(String address, int minTtl, int maxTtl) {
}
