package org.jkeepalived.daemon.vrrp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.Authentication;
import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpState;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.jkeepalived.vrrp.state.GarpSettings;
import org.jkeepalived.vrrp.state.InstanceSettings;

/**
 * Maps one parsed {@code vrrp_instance} (effective values, keepalived's defaults already applied by
 * the parser) and the live state of its interface onto the core's {@link InstanceSettings}.
 * Trackers are not mapped: the daemon evaluates them ({@code TrackerSet}) and sends the core
 * their totals.
 */
public final class SettingsMapper {
    private SettingsMapper() {
    }

    /**
     * @param instance   the parsed instance
     * @param globals    the parsed global_defs
     * @param link       the interface adverts leave from (the VMAC when use_vmac), or null when it
     *                   does not exist yet
     * @param sourceMac  the MAC adverts carry (interface or virtual MAC); null = the link's
     * @param vipDevice  the device VIPs on the instance interface go on (the VMAC or the interface)
     */
    public static InstanceSettings map(VrrpInstance instance, GlobalDefs globals, LinkInfo link, byte[] sourceMac,
                                       String vipDevice) {
        IpFamily family = instance.family() == AddressFamily.IPV6 ? IpFamily.IPV6 : IpFamily.IPV4;
        InstanceSettings.Builder b = InstanceSettings.builder(instance.name(), instance.virtualRouterId())
                .version(instance.version())
                .family(family)
                .advertIntervalCentis((int) Math.max(1, instance.advertIntervalMicros() / 10_000))
                .priority(instance.priority())
                .wantMaster(instance.state() == VrrpState.MASTER)
                .nopreempt(instance.nopreempt())
                .preemptDelayNanos(instance.preemptDelayMicros() * 1_000)
                .virtualAddresses(VirtualAddresses.map(instance.virtualIps(), instance.interfaceName(), vipDevice))
                .excludedAddresses(VirtualAddresses.map(instance.excludedVirtualIps(), instance.interfaceName(), vipDevice))
                .garp(garp(instance, globals, family))
                .lowerPrioNoAdvert(instance.lowerPrioNoAdvert())
                .higherPrioSendAdvert(instance.higherPrioSendAdvert())
                // Off in strict mode, as keepalived clears higher_prio_send_advert there.
                .stepDownAdvert(globals.dualMasterStepDownAdvert() && !instance.strictMode())
                .downTimerAdverts(instance.downTimerAdverts())
                .skipCheckAdvAddr(globals.skipCheckAdvAddr() || instance.otherSettings().containsKey("skip_check_adv_addr"))
                .checkUnicastSource(globals.checkUnicastSrc() || instance.otherSettings().containsKey("check_unicast_src"))
                .ownerIgnoreAdverts(instance.otherSettings().containsKey("owner_ignore_adverts")
                        || (instance.strictMode() && instance.priority() == 255))
                .notifyPriorityChanges(instance.otherSettings().containsKey("notify_priority_changes")
                        || globals.otherSettings().containsKey("vrrp_notify_priority_changes"))
                .trackInterface(!instance.dontTrackPrimary())
                .multicastGroup(multicastGroup(instance, globals));
        // Trackers are evaluated by the daemon (TrackerSet) and reach the core as TrackerTotals.
        if (instance.version() == 3 && (instance.otherSettings().containsKey("v3_checksum_as_v2")
                || globals.otherSettings().containsKey("v3_checksum_as_v2"))) {
            b.v3Checksum(ChecksumForm.MESSAGE_ONLY);
        }
        Authentication auth = instance.authentication();
        if (auth != null && auth.type() != Authentication.Type.NONE && instance.version() == 2) {
            b.auth(auth.type() == Authentication.Type.PASS ? AuthType.PASS : AuthType.AH, password(auth.password()));
        }
        byte[] mac = sourceMac != null ? sourceMac : link != null ? link.mac() : new byte[6];
        b.sourceMac(mac);
        b.sourceAddress(sourceAddress(instance, link, family));
        if (!instance.unicastPeers().isEmpty()) {
            List<InetAddress> peers = new ArrayList<>();
            int minTtl = 0;
            int maxTtl = 255;
            for (UnicastPeer p : instance.unicastPeers()) {
                peers.add(VirtualAddresses.literal(p.address()));
                minTtl = Math.max(minTtl, p.minTtl());
                maxTtl = Math.min(maxTtl, p.maxTtl());
            }
            b.unicastPeers(peers);
            if (minTtl <= maxTtl) {
                b.ttlRange(minTtl, maxTtl);
            }
            if (instance.unicastTtl() >= 1 && instance.unicastTtl() <= 255) {
                b.unicastTtl(instance.unicastTtl());
            }
        }
        if (family == IpFamily.IPV6 && link != null) {
            b.ipv6Router(ipv6Forwarding(link.name()));
        }
        return b.build();
    }

    /** keepalived sends PASS/AH data as 8 bytes, NUL padded; the password is at most 8 bytes. */
    static byte[] password(String text) {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(raw, Math.min(raw.length, 8));
    }

    private static InetAddress sourceAddress(VrrpInstance instance, LinkInfo link, IpFamily family) {
        if (instance.unicastSrcIp() != null) {
            return VirtualAddresses.literal(instance.unicastSrcIp());
        }
        String configured = instance.otherSettings().containsKey("mcast_src_ip")
                ? instance.otherSettings().get("mcast_src_ip").get(0) : null;
        if (configured != null) {
            return VirtualAddresses.literal(configured);
        }
        if (link != null) {
            InetAddress a = family == IpFamily.IPV6 ? link.linkLocalIpv6() : link.primaryIpv4();
            if (a != null) {
                return a;
            }
        }
        // No usable source yet: the instance stays in FAULT until the interface has one.
        return VirtualAddresses.literal(family == IpFamily.IPV6 ? "::" : "0.0.0.0");
    }

    private static GarpSettings garp(VrrpInstance instance, GlobalDefs globals, IpFamily family) {
        org.jkeepalived.config.model.GarpSettings g = instance.garp();
        long intervalMicros = family == IpFamily.IPV6 ? globals.gnaIntervalMicros() : globals.garpIntervalMicros();
        return new GarpSettings(seconds(g.masterDelaySeconds()), g.masterRepeat(), seconds(g.masterRefreshSeconds()),
                g.masterRefreshRepeat(), seconds(g.lowerPrioDelaySeconds()), g.lowerPrioRepeat(), intervalMicros * 1_000);
    }

    private static long seconds(int s) {
        return s * 1_000_000_000L;
    }

    private static boolean ipv6Forwarding(String device) {
        try {
            Path p = Path.of("/proc/sys/net/ipv6/conf", device, "forwarding");
            return Files.readString(p).trim().equals("1");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Where multicast adverts go: the instance's {@code mcast_dst_address}, else
     * {@code vrrp_mcast_group4/6}; null for keepalived's default group (224.0.0.18 / ff02::12).
     */
    static InetAddress multicastGroup(VrrpInstance instance, GlobalDefs globals) {
        boolean ipv6 = instance.family() == AddressFamily.IPV6;
        String group = instance.mcastDstIp() != null ? instance.mcastDstIp()
                : ipv6 ? globals.vrrpMcastGroup6() : globals.vrrpMcastGroup4();
        if (group == null) {
            return null;
        }
        InetAddress address = VirtualAddresses.literal(group);
        return address.equals(VirtualAddresses.literal(ipv6 ? "ff02::12" : "224.0.0.18")) ? null : address;
    }

    /**
     * {@code vrrp_startup_delay} in nanoseconds (0 when unset): keepalived 2.2.7 enters the
     * states at once, ignores adverts meanwhile and starts the first timers after it.
     */
    static long startupDelayNanos(org.jkeepalived.config.model.KeepalivedConfig config) {
        List<String> value = config.globalDefs().otherSettings().get("vrrp_startup_delay");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return new java.math.BigDecimal(value.get(0)).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return 0; // the parser has reported it
        }
    }
}
