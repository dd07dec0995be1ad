package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertEncoder;
import org.jkeepalived.vrrp.codec.AdvertTemplate;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Sends one instance's adverts: multicast, or one copy per unicast peer. Keeps keepalived's
 * per-instance IPv4 id (1, 2, 3 … skipping 0, once per advert, not per peer) and AH sequence.
 * Destinations are cached, so the steady state allocates nothing. Not thread-safe.
 */
final class AdvertSender {

    private final AdvertEncoder encoder;
    private final Destination multicast;
    private final List<InetAddress> peers;
    private final Destination[] peerDestinations;
    private final byte[][] peerMacs;
    private int ipId;
    private long ahSequence;
    private boolean oldUnicastChecksum;

    AdvertSender(InstanceSettings settings) {
        List<InetAddress> vips = new ArrayList<>();
        for (VirtualAddress vip : settings.virtualAddresses()) {
            vips.add(vip.address());
        }
        encoder = new AdvertEncoder(new AdvertTemplate(settings.family(), settings.version(), settings.vrid(),
                settings.authType(), settings.authPassword(), vips, settings.sourceMac(), settings.sourceAddress(),
                settings.unicast() ? settings.unicastTtl() : 255, settings.v3Checksum()));
        multicast = settings.multicastGroup() == null ? Destination.multicast(settings.family())
                : Destination.multicastGroup(settings.multicastGroup());
        peers = settings.unicastPeers();
        peerDestinations = new Destination[peers.size()];
        peerMacs = new byte[peers.size()][];
    }

    /**
     * Sends one advert with {@code priority} and the wire interval (v2 seconds, v3 centiseconds).
     *
     * @return how many frames were sent (0 when no unicast peer is resolved yet)
     */
    int send(int priority, int wireInterval, InstanceSink sink) {
        ipId = (ipId + 1) & 0xffff;
        if (ipId == 0) {
            ipId = 1;
        }
        ahSequence++;
        if (peers.isEmpty()) {
            sink.sendFrame(encoder.encode(priority, wireInterval, ipId, ahSequence, multicast));
            return 1;
        }
        int sent = 0;
        for (int i = 0; i < peerDestinations.length; i++) {
            byte[] mac = sink.unicastPeerMac(peers.get(i));
            if (mac == null) {
                continue;
            }
            if (peerMacs[i] != mac && (peerMacs[i] == null || !Arrays.equals(peerMacs[i], mac))) {
                peerDestinations[i] = Destination.unicast(mac, peers.get(i));
            }
            peerMacs[i] = mac;
            sink.sendFrame(encoder.encode(priority, wireInterval, ipId, ahSequence, peerDestinations[i]));
            sent++;
        }
        return sent;
    }

    /** keepalived's unicast checksum compatibility: send the pre-2.0 v3 checksum from now on. */
    void useOldUnicastChecksum() {
        encoder.setV3ChecksumForm(ChecksumForm.OLD_UNICAST);
        oldUnicastChecksum = true;
    }

    /**
     * A reload replaced the settings: continue the IPv4 id and AH sequence of {@code previous}
     * (keepalived keeps its AH counter across a reload, so peers do not see a replay) and, while
     * still v3 unicast, its adopted old checksum form.
     */
    void continueFrom(AdvertSender previous, InstanceSettings settings) {
        ipId = previous.ipId;
        ahSequence = previous.ahSequence;
        if (previous.oldUnicastChecksum && settings.version() == 3 && settings.unicast()) {
            useOldUnicastChecksum();
        }
    }

    /** AH: resynchronise the sequence after a lower-priority master's advert (keepalived does). */
    void syncAhSequence(long received) {
        ahSequence = received + 1;
    }
}
