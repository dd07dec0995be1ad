package org.jkeepalived.config.model;

/**
 * A {@code bfd_instance}.
 *
 * @param name            instance name
 * @param neighborIp      peer address
 * @param sourceIp        local address or null
 * @param minRxMicros     required min RX interval
 * @param minTxMicros     desired min TX interval
 * @param idleTxMicros    idle TX interval
 * @param multiplier      detect multiplier
 * @param passive         passive mode
 * @param ttl             IPv4 TTL / IPv6 hop limit
 * @param maxHops         accepted TTL decrease
 * @param multihop        RFC 5883 multihop
 * @param weight          default weight for track_bfd
 * @param reverse         weight reversed
 */
public record BfdInstance(String name, String neighborIp, String sourceIp, long minRxMicros, long minTxMicros,
                          long idleTxMicros, int multiplier, boolean passive, int ttl, int maxHops,
                          boolean multihop, int weight, boolean reverse) {
}
