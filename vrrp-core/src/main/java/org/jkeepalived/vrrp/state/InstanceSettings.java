package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Everything a {@link VrrpInstance} needs, with keepalived's defaults and strict-mode effects
 * already applied by whoever builds it (the daemon maps the parser's model onto this; the core
 * does not depend on config-parser). Build with {@link #builder(String, int)}. Immutable.
 *
 * @param name                 instance name, used in log lines ({@code (VI_1) …})
 * @param vrid                 1..255
 * @param version              2 or 3
 * @param family               IPv4 or IPv6 (IPv6 implies version 3)
 * @param advertIntervalCentis {@code advert_int} in centiseconds (v2: whole seconds × 100)
 * @param basePriority         1..255 (255 = address owner)
 * @param wantMaster           {@code state MASTER} (after the default: priority 255 → MASTER)
 * @param nopreempt            {@code nopreempt}
 * @param preemptDelayNanos    {@code preempt_delay}, 0 = none
 * @param authType             v2 authentication
 * @param authPassword         PASS/AH password bytes
 * @param virtualAddresses     the VIPs carried in adverts, in order
 * @param excludedAddresses    {@code virtual_ipaddress_excluded}: added/removed, never advertised
 * @param sourceMac            interface (or VMAC) MAC
 * @param sourceAddress        advert source: configured source or the interface primary address;
 *                             also "our primary IP" in equal-priority elections
 * @param unicastPeers         unicast peers; empty = multicast
 * @param unicastTtl           TTL/hop limit sent (255 for multicast)
 * @param minTtl               unicast: lowest accepted TTL, checked with {@code check_unicast_src} (2.2.7)
 * @param maxTtl               unicast: highest accepted TTL, checked likewise
 * @param checkUnicastSource   {@code check_unicast_src}: unicast sources must be configured peers
 * @param garp                 gratuitous ARP / NA schedule
 * @param lowerPrioNoAdvert    {@code lower_prio_no_advert} (on in strict mode)
 * @param higherPrioSendAdvert {@code higher_prio_send_advert}
 * @param stepDownAdvert       jkeepalived's {@code dual_master_step_down_advert}: a MASTER that steps
 *                             down for a higher advert first sends one advert at its own priority, so
 *                             that the winner sees every healed partition (docs/dual-master.md); the
 *                             builder's default is off (keepalived's behaviour), the daemon's is on
 * @param downTimerAdverts     {@code down_timer_adverts} (3)
 * @param v3Checksum           v3 over IPv4 checksum form to send
 * @param skipCheckAdvAddr     {@code skip_check_adv_addr}
 * @param ownerIgnoreAdverts   {@code owner_ignore_adverts} (on for 255 in strict mode)
 * @param notifyPriorityChanges {@code notify_priority_changes}
 * @param ipv6Router           IPv6 forwarding on: set the Router flag in NAs
 * @param trackInterface       false with {@code dont_track_primary}
 * @param trackers             tracked objects with weights
 * @param multicastGroup       where multicast adverts go ({@code vrrp_mcast_group4/6},
 *                             {@code mcast_dst_address}); null for 224.0.0.18 / ff02::12
 */
public record InstanceSettings(String name, int vrid, int version, IpFamily family, int advertIntervalCentis,
                               int basePriority, boolean wantMaster, boolean nopreempt, long preemptDelayNanos,
                               AuthType authType, byte[] authPassword, List<VirtualAddress> virtualAddresses,
                               List<VirtualAddress> excludedAddresses, byte[] sourceMac, InetAddress sourceAddress,
                               List<InetAddress> unicastPeers, int unicastTtl, int minTtl, int maxTtl,
                               boolean checkUnicastSource, GarpSettings garp, boolean lowerPrioNoAdvert,
                               boolean higherPrioSendAdvert, boolean stepDownAdvert, int downTimerAdverts,
                               ChecksumForm v3Checksum,
                               boolean skipCheckAdvAddr, boolean ownerIgnoreAdverts, boolean notifyPriorityChanges,
                               boolean ipv6Router, boolean trackInterface, List<TrackerSettings> trackers,
                               InetAddress multicastGroup) {

    public InstanceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(sourceMac, "sourceMac");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(garp, "garp");
        authPassword = authPassword == null ? new byte[0] : authPassword.clone();
        sourceMac = sourceMac.clone();
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        trackers = List.copyOf(trackers);
        v3Checksum = v3Checksum == null ? ChecksumForm.PSEUDO_HEADER : v3Checksum;
        check(vrid >= 1 && vrid <= 255, "vrid must be 1..255");
        check(version == 2 || version == 3, "version must be 2 or 3");
        check(version == 3 || family == IpFamily.IPV4, "IPv6 needs VRRPv3");
        check(basePriority >= 1 && basePriority <= 255, "priority must be 1..255");
        check(version == 3 ? advertIntervalCentis >= 1 && advertIntervalCentis <= 4095
                : advertIntervalCentis >= 100 && advertIntervalCentis <= 25500 && advertIntervalCentis % 100 == 0,
                "advert interval out of range for VRRPv" + version + ": " + advertIntervalCentis + " cs");
        check(preemptDelayNanos >= 0, "preempt_delay must not be negative");
        check(downTimerAdverts >= 3 && downTimerAdverts <= 100, "down_timer_adverts must be 3..100");
        check(unicastTtl >= 1 && unicastTtl <= 255 && minTtl >= 0 && maxTtl <= 255 && minTtl <= maxTtl, "ttl");
        check(sourceAddress.getAddress().length == family.addressLength(), "source address family");
        for (VirtualAddress vip : virtualAddresses) {
            check(vip.address().getAddress().length == family.addressLength(), "VIP family: " + vip.address());
        }
        check(multicastGroup == null || multicastGroup.isMulticastAddress()
                && multicastGroup.getAddress().length == family.addressLength(),
                "multicast group must be a " + family + " multicast address: " + multicastGroup);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** True when unicast peers are configured. */
    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** The advert interval in the unit the wire carries: v2 seconds, v3 centiseconds. */
    public int wireAdvertInterval() {
        return version == 2 ? advertIntervalCentis / 100 : advertIntervalCentis;
    }

    /** A builder with keepalived's defaults (v2, IPv4, 1 s, priority 100, BACKUP, multicast). */
    public static Builder builder(String name, int vrid) {
        return new Builder(name, vrid);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final int vrid;
        private int version = 2;
        private IpFamily family = IpFamily.IPV4;
        private int advertIntervalCentis = 100;
        private int basePriority = 100;
        private boolean wantMaster;
        private boolean nopreempt;
        private long preemptDelayNanos;
        private AuthType authType = AuthType.NONE;
        private byte[] authPassword;
        private List<VirtualAddress> virtualAddresses = List.of();
        private List<VirtualAddress> excludedAddresses = List.of();
        private byte[] sourceMac = new byte[6];
        private InetAddress sourceAddress;
        private List<InetAddress> unicastPeers = List.of();
        private int unicastTtl = 255;
        private int minTtl;
        private int maxTtl = 255;
        private boolean checkUnicastSource;
        private GarpSettings garp = GarpSettings.DEFAULTS;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private boolean stepDownAdvert;
        private int downTimerAdverts = 3;
        private ChecksumForm v3Checksum = ChecksumForm.PSEUDO_HEADER;
        private boolean skipCheckAdvAddr;
        private boolean ownerIgnoreAdverts;
        private boolean notifyPriorityChanges;
        private boolean ipv6Router;
        private boolean trackInterface = true;
        private List<TrackerSettings> trackers = List.of();
        private InetAddress multicastGroup;

        private Builder(String name, int vrid) {
            this.name = name;
            this.vrid = vrid;
        }

        public Builder version(int value) { version = value; return this; }
        public Builder family(IpFamily value) { family = value; return this; }
        public Builder advertIntervalCentis(int value) { advertIntervalCentis = value; return this; }
        public Builder priority(int value) { basePriority = value; return this; }
        public Builder wantMaster(boolean value) { wantMaster = value; return this; }
        public Builder nopreempt(boolean value) { nopreempt = value; return this; }
        public Builder preemptDelayNanos(long value) { preemptDelayNanos = value; return this; }
        public Builder auth(AuthType type, byte[] password) { authType = type; authPassword = password; return this; }
        public Builder virtualAddresses(List<VirtualAddress> value) { virtualAddresses = value; return this; }
        public Builder excludedAddresses(List<VirtualAddress> value) { excludedAddresses = value; return this; }
        public Builder sourceMac(byte[] value) { sourceMac = value; return this; }
        public Builder sourceAddress(InetAddress value) { sourceAddress = value; return this; }
        public Builder unicastPeers(List<InetAddress> value) { unicastPeers = value; return this; }
        public Builder unicastTtl(int value) { unicastTtl = value; return this; }
        public Builder ttlRange(int min, int max) { minTtl = min; maxTtl = max; return this; }
        public Builder checkUnicastSource(boolean value) { checkUnicastSource = value; return this; }
        public Builder garp(GarpSettings value) { garp = value; return this; }
        public Builder lowerPrioNoAdvert(boolean value) { lowerPrioNoAdvert = value; return this; }
        public Builder higherPrioSendAdvert(boolean value) { higherPrioSendAdvert = value; return this; }
        public Builder stepDownAdvert(boolean value) { stepDownAdvert = value; return this; }
        public Builder downTimerAdverts(int value) { downTimerAdverts = value; return this; }
        public Builder v3Checksum(ChecksumForm value) { v3Checksum = value; return this; }
        public Builder skipCheckAdvAddr(boolean value) { skipCheckAdvAddr = value; return this; }
        public Builder ownerIgnoreAdverts(boolean value) { ownerIgnoreAdverts = value; return this; }
        public Builder notifyPriorityChanges(boolean value) { notifyPriorityChanges = value; return this; }
        public Builder ipv6Router(boolean value) { ipv6Router = value; return this; }
        public Builder trackInterface(boolean value) { trackInterface = value; return this; }
        public Builder trackers(List<TrackerSettings> value) { trackers = value; return this; }
        public Builder multicastGroup(InetAddress value) { multicastGroup = value; return this; }

        public InstanceSettings build() {
            return new InstanceSettings(name, vrid, version, family, advertIntervalCentis, basePriority, wantMaster,
                    nopreempt, preemptDelayNanos, authType, authPassword, virtualAddresses, excludedAddresses,
                    sourceMac, sourceAddress, unicastPeers, unicastTtl, minTtl, maxTtl, checkUnicastSource, garp,
                    lowerPrioNoAdvert, higherPrioSendAdvert, stepDownAdvert, downTimerAdverts, v3Checksum,
                    skipCheckAdvAddr, ownerIgnoreAdverts, notifyPriorityChanges, ipv6Router, trackInterface, trackers,
                    multicastGroup);
        }
    }
}
