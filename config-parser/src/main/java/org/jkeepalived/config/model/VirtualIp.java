package org.jkeepalived.config.model;

/**
 * One {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or {@code static_ipaddress}
 * entry with its effective options.
 *
 * @param address      the address text as normalised (no prefix)
 * @param prefixLength prefix length (default 32 / 128)
 * @param family       IPv4 or IPv6
 * @param dev          interface name (explicit, or the instance / default interface)
 * @param label        label or null
 * @param broadcast    broadcast address, or null when no broadcast attribute is sent
 * @param scope        scope name ("global" default)
 * @param peer         peer address (with /len) or null
 * @param nodad        IPv6 IFA_F_NODAD (set by default, cleared by {@code -nodad})
 * @param home         {@code home} option
 * @param noPrefixRoute {@code noprefixroute}
 * @param mngTmpAddr   {@code mngtmpaddr}
 * @param autoJoin     {@code autojoin}
 * @param noTrack      {@code no_track}
 * @param useVmac      per-address {@code use_vmac}
 * @param preferredLft preferred lifetime text ("forever", a number) or null for the default
 * @param trackGroup   static track group or null
 */
public record VirtualIp(String address, int prefixLength, AddressFamily family, String dev, String label,
                        String broadcast, String scope, String peer, boolean nodad, boolean home,
                        boolean noPrefixRoute, boolean mngTmpAddr, boolean autoJoin, boolean noTrack,
                        boolean useVmac, String preferredLft, String trackGroup) {
}
