package org.jkeepalived.daemon.vrrp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each received frame to the instance it is for, keyed as keepalived keys its receive
 * sockets: (receiving interface, address family, VRID). A frame the codec rejects is counted under
 * its reason against that instance when its VRID can be read, otherwise against the interface;
 * nothing a peer sends can make this throw. Loop thread only; one reusable view, so the steady
 * path allocates nothing.
 */
final class FrameDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;

    private final AdvertView view = new AdvertView();
    private final InstanceEvent.AdvertReceived received = new InstanceEvent.AdvertReceived(view);
    /** device → [IPv4 instances by VRID, IPv6 instances by VRID]; several entries only for unicast. */
    private final Map<String, InstanceRuntime[][][]> byDevice = new HashMap<>();
    /** The fixed VRRP header (version/type, VRID, priority, count, auth/interval, checksum). */
    private static final int VRRP_HEADER_BYTES = 8;
    /** keepalived's {@code sizeof(ipsec_ah_t)}: the AH header with a 96-bit ICV. */
    private static final int AH_HEADER_BYTES = 24;
    private final Map<AdvertCheck, Long> unattributed = new EnumMap<>(AdvertCheck.class);
    private long unknownVrid;
    private final boolean logUnknownVrids;

    FrameDispatcher(boolean logUnknownVrids) {
        this.logUnknownVrids = logUnknownVrids;
    }

    void register(InstanceRuntime runtime) {
        InstanceRuntime[][][] table = byDevice.computeIfAbsent(runtime.receiveDevice(), d -> new InstanceRuntime[2][256][]);
        int family = runtime.settings().family() == IpFamily.IPV6 ? 1 : 0;
        int vrid = runtime.settings().vrid();
        InstanceRuntime[] existing = table[family][vrid];
        List<InstanceRuntime> list = new ArrayList<>(existing == null ? List.of() : List.of(existing));
        list.add(runtime);
        table[family][vrid] = list.toArray(InstanceRuntime[]::new);
    }

    /** A reload removed the instance: its frames are no longer routed to it. */
    void unregister(InstanceRuntime runtime) {
        InstanceRuntime[][][] table = byDevice.get(runtime.receiveDevice());
        if (table == null) {
            return;
        }
        int family = runtime.settings().family() == IpFamily.IPV6 ? 1 : 0;
        int vrid = runtime.settings().vrid();
        InstanceRuntime[] existing = table[family][vrid];
        if (existing == null) {
            return;
        }
        InstanceRuntime[] rest = java.util.Arrays.stream(existing).filter(r -> r != runtime)
                .toArray(InstanceRuntime[]::new);
        table[family][vrid] = rest.length == 0 ? null : rest;
    }

    void clear() {
        byDevice.clear();
    }

    /** Frames whose VRID could not be read or matched no instance, by reason. */
    Map<AdvertCheck, Long> unattributed() {
        return unattributed;
    }

    long unknownVrid() {
        return unknownVrid;
    }

    /**
     * @param receivedNanos when the frame was read ({@link System#nanoTime()}); a valid advert is
     *                      handled as of then, so a frame that waited in the queue does not delay
     *                      the down timer it restarts
     */
    void dispatch(String device, byte[] frame, long receivedNanos) {
        InstanceRuntime[][][] table = byDevice.get(device);
        if (table == null) {
            return;
        }
        AdvertCheck check = view.wrapFrame(frame, 0, frame.length);
        int family = familyIndex(frame);
        int vrid = check == AdvertCheck.VALID ? view.vrid() : rawVrid(frame, family);
        InstanceRuntime[] candidates = family < 0 || vrid < 0 || shorterThanVrrpHeader(frame, family) ? null
                : table[family][vrid];
        if (candidates == null) {
            if (check == AdvertCheck.VALID) {
                unknownVrid++;
                if (logUnknownVrids) {
                    LOG.info("Unknown VRID({}) received on interface({}). ignoring...", vrid, device);
                }
            } else {
                unattributed.merge(check, 1L, Long::sum);
            }
            return;
        }
        InstanceRuntime target = candidates.length == 1 ? candidates[0] : bySource(candidates, check);
        if (target == null) {
            unknownVrid++;
            return;
        }
        if (check == AdvertCheck.VALID && view.destinationIsMulticast() && !target.acceptsMulticastDestination(view)) {
            return; // another multicast group (vrrp_mcast_group4/6): keepalived's socket never sees it
        }
        if (check == AdvertCheck.VALID) {
            target.handleReceived(received, receivedNanos);
        } else {
            target.handle(InstanceEvent.PacketRejected.of(check));
        }
    }

    /** Several unicast instances share a VRID: the sender's address picks the one that lists it as a peer. */
    private InstanceRuntime bySource(InstanceRuntime[] candidates, AdvertCheck check) {
        if (check != AdvertCheck.VALID) {
            return candidates[0];
        }
        for (InstanceRuntime r : candidates) {
            for (java.net.InetAddress peer : r.settings().unicastPeers()) {
                if (view.sourceAddressEquals(peer.getAddress())) {
                    return r;
                }
            }
        }
        return null;
    }

    private static int familyIndex(byte[] frame) {
        if (frame.length < 14) {
            return -1;
        }
        int type = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        return type == ETHERTYPE_IPV4 ? 0 : type == ETHERTYPE_IPV6 ? 1 : -1;
    }

    /**
     * keepalived 2.2.7 ({@code vrrp_get_header}) drops a packet that does not hold the 8-byte VRRP
     * header before it looks for an instance: no instance counts it.
     */
    private static boolean shorterThanVrrpHeader(byte[] frame, int family) {
        // Lengths from the IP header: a short frame is padded to Ethernet's 60-byte minimum.
        if (family == 1) {
            int payload = ((frame[14 + 4] & 0xff) << 8) | (frame[14 + 5] & 0xff);
            return payload < VRRP_HEADER_BYTES;
        }
        int ihl = (frame[14] & 0x0f) * 4;
        int total = ((frame[14 + 2] & 0xff) << 8) | (frame[14 + 3] & 0xff);
        int headers = ihl;
        if ((frame[14 + 9] & 0xff) == 51) {
            headers += AH_HEADER_BYTES;
        }
        return total < headers + VRRP_HEADER_BYTES;
    }

    /** The VRID byte of a frame the codec rejected, when the headers before it are readable. */
    private static int rawVrid(byte[] frame, int family) {
        int offset;
        if (family == 0) {
            if (frame.length < 14 + 20) {
                return -1;
            }
            int ihl = (frame[14] & 0x0f) * 4;
            offset = 14 + ihl;
            if ((frame[14 + 9] & 0xff) == 51 && frame.length > offset + 1) {
                offset += ((frame[offset + 1] & 0xff) + 2) * 4; // skip the AH header
            }
        } else if (family == 1) {
            offset = 14 + 40;
        } else {
            return -1;
        }
        return frame.length > offset + 1 ? frame[offset + 1] & 0xff : -1;
    }
}
