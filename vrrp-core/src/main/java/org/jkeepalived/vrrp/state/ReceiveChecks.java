package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AhAuthenticator;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * The instance-dependent advert checks, in keepalived's order (keepalived-runtime.md §7): AH
 * presence, version, v2 auth type / PASS / AH, v2 interval, multicast-vs-unicast, owner ignoring
 * adverts, then (counting advert_rcvd) the VIP list — rejected on mismatch as 2.2.7 does — and,
 * with {@code check_unicast_src}, the unicast source and its TTL range. Like 2.2.7, the VIP and
 * unicast checks are skipped with {@code skip_check_adv_addr} while the master is unchanged.
 * Allocation-free. Not thread-safe.
 */
final class ReceiveChecks {

    private final InstanceSettings settings;
    private final AhAuthenticator ah;
    private final byte[][] vips;
    private final byte[][] peers;
    private final byte[] sourceAddress;
    private final byte[] lastMaster;
    private boolean haveLastMaster;
    private long lastAhSequence;
    /** v3 unicast over IPv4 using the old checksum (configured, or adopted from a peer as 2.2.7 does). */
    private boolean oldUnicastChecksum;

    /** What keepalived's unicast checksum compatibility makes of an advert. */
    enum UnicastChecksum { ACCEPT, REJECT, SWITCH_TO_OLD }

    ReceiveChecks(InstanceSettings settings, AhAuthenticator ah) {
        this.settings = settings;
        this.ah = ah;
        vips = new byte[settings.virtualAddresses().size()][];
        for (int i = 0; i < vips.length; i++) {
            VirtualAddress vip = settings.virtualAddresses().get(i);
            vips[i] = vip.address().getAddress();
        }
        peers = new byte[settings.unicastPeers().size()][];
        for (int i = 0; i < peers.length; i++) {
            InetAddress peer = settings.unicastPeers().get(i);
            peers[i] = peer.getAddress();
        }
        sourceAddress = settings.sourceAddress().getAddress();
        lastMaster = new byte[settings.family().addressLength()];
        oldUnicastChecksum = settings.v3Checksum() == ChecksumForm.OLD_UNICAST;
    }

    /**
     * keepalived 2.2.7's unicast checksum compatibility (v3, IPv4, unicast): an advert with the old
     * checksum (224.0.0.18 in the pseudo-header) switches the instance to it for good, unless a
     * checksum form is configured; once switched, only the old form is accepted.
     */
    UnicastChecksum unicastChecksum(AdvertView view) {
        if (settings.version() != 3 || !settings.unicast() || view.destinationIsMulticast()) {
            return UnicastChecksum.ACCEPT;
        }
        boolean old = view.checksumForm() == ChecksumForm.OLD_UNICAST;
        if (oldUnicastChecksum) {
            return old ? UnicastChecksum.ACCEPT : UnicastChecksum.REJECT;
        }
        if (old && settings.v3Checksum() == ChecksumForm.PSEUDO_HEADER) {
            oldUnicastChecksum = true;
            return UnicastChecksum.SWITCH_TO_OLD;
        }
        return UnicastChecksum.ACCEPT;
    }

    /**
     * A reload replaced the settings: keep the last master seen, the AH replay window and an
     * adopted old unicast checksum (while still v3 unicast), so the reload is invisible to peers.
     */
    void continueFrom(ReceiveChecks previous) {
        if (previous.lastMaster.length == lastMaster.length) {
            System.arraycopy(previous.lastMaster, 0, lastMaster, 0, lastMaster.length);
            haveLastMaster = previous.haveLastMaster;
        }
        lastAhSequence = previous.lastAhSequence;
        if (previous.oldUnicastChecksum && settings.version() == 3 && settings.unicast()) {
            oldUnicastChecksum = true;
        }
    }

    /** True once the instance sends and accepts only the pre-2.0 unicast v3 checksum. */
    boolean usesOldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    /** Our own primary address (for equal-priority elections). */
    byte[] sourceAddress() {
        return sourceAddress;
    }

    /**
     * Checks a packet-valid advert for this instance. Returns {@link AdvertCheck#VALID}, a reason
     * to count, or {@code null} for a silent drop (owner ignoring adverts).
     */
    AdvertCheck check(AdvertView view, int basePriority, InstanceStats stats) {
        boolean expectAh = settings.authType() == AuthType.AH;
        if (view.hasAh() != expectAh) {
            return AdvertCheck.AUTH_TYPE_MISMATCH;
        }
        if (view.version() != settings.version()) {
            return AdvertCheck.VERSION_MISMATCH;
        }
        if (settings.version() == 2) {
            AdvertCheck auth = checkV2(view);
            if (auth != AdvertCheck.VALID) {
                return auth;
            }
        }
        if (settings.unicast() == view.destinationIsMulticast()) {
            return AdvertCheck.ADDRESS_LIST;
        }
        boolean masterChanged = !haveLastMaster || !view.sourceAddressEquals(lastMaster);
        boolean checkAddresses = masterChanged || !settings.skipCheckAdvAddr();
        // 2.2.7 order: a wrong count is refused before the advert is counted as received.
        if (checkAddresses && view.addressCount() != vips.length) {
            return AdvertCheck.ADDRESS_LIST;
        }
        if (settings.ownerIgnoreAdverts() && basePriority == 255) {
            return null;
        }
        stats.advertRcvd++;
        if (checkAddresses) {
            if (!addressesMatch(view)) {
                return AdvertCheck.ADDRESS_LIST;
            }
            if (settings.unicast() && settings.checkUnicastSource()) {
                AdvertCheck unicast = checkUnicastSource(view);
                if (unicast != AdvertCheck.VALID) {
                    return unicast;
                }
            }
        }
        view.copySourceAddress(lastMaster, 0);
        haveLastMaster = true;
        return AdvertCheck.VALID;
    }

    private AdvertCheck checkV2(AdvertView view) {
        if (view.authType() != settings.authType()) {
            return AdvertCheck.AUTH_TYPE_MISMATCH;
        }
        if (settings.authType() == AuthType.PASS && !view.authDataMatches(settings.authPassword())) {
            return AdvertCheck.AUTH_FAILURE;
        }
        if (ah != null) {
            if (!ah.verify(view, settings.unicast())) {
                return AdvertCheck.AUTH_FAILURE;
            }
            long sequence = view.ahSequence();
            if (sequence <= lastAhSequence && view.priority() != 0) {
                return AdvertCheck.AUTH_FAILURE;
            }
            lastAhSequence = sequence;
        }
        if (view.advertIntervalRaw() != settings.wireAdvertInterval()) {
            return AdvertCheck.ADVERT_INTERVAL;
        }
        return AdvertCheck.VALID;
    }

    private boolean addressesMatch(AdvertView view) {
        if (view.addressCount() != vips.length) {
            return false;
        }
        for (int i = 0; i < vips.length; i++) {
            if (!view.addressEquals(i, vips[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code check_unicast_src}: the source must be a peer, its TTL within the peer's range (2.2.7). */
    private AdvertCheck checkUnicastSource(AdvertView view) {
        for (byte[] peer : peers) {
            if (view.sourceAddressEquals(peer)) {
                int ttl = view.ttl();
                return ttl < settings.minTtl() || ttl > settings.maxTtl()
                        ? AdvertCheck.UNICAST_TTL : AdvertCheck.VALID;
            }
        }
        return AdvertCheck.UNICAST_SOURCE;
    }
}
