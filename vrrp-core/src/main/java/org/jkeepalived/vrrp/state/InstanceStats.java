package org.jkeepalived.vrrp.state;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeepalived.vrrp.codec.AdvertCheck;

/**
 * Per-instance counters with keepalived's statistics names, plus a count per rejection reason.
 * Written by the instance's thread only; reads from other threads may see stale values.
 */
public final class InstanceStats {

    long advertRcvd;
    long advertSent;
    long becomeMaster;
    long releaseMaster;
    long priZeroRcvd;
    long priZeroSent;
    long garpSent;
    long messageOnlyChecksumRcvd;
    long dualMasterEpisodes;
    long dualMasterNanos;
    private final long[] rejected = new long[AdvertCheck.values().length];

    void reject(AdvertCheck reason) {
        rejected[reason.ordinal()]++;
    }

    public long advertRcvd() { return advertRcvd; }
    public long advertSent() { return advertSent; }
    public long becomeMaster() { return becomeMaster; }
    public long releaseMaster() { return releaseMaster; }
    public long priZeroRcvd() { return priZeroRcvd; }
    public long priZeroSent() { return priZeroSent; }
    /** Gratuitous ARP and unsolicited NA frames sent. */
    public long garpSent() { return garpSent; }
    /** v3 adverts accepted with RFC 9568's message-only checksum. */
    public long messageOnlyChecksumRcvd() { return messageOnlyChecksumRcvd; }

    /** Episodes in which another router advertised as master for our VRID while we were MASTER. */
    public long dualMasterEpisodes() { return dualMasterEpisodes; }
    /** Time spent in those episodes, nanoseconds: closed episodes plus the open one up to its last advert. */
    public long dualMasterNanos() { return dualMasterNanos; }

    /** How many packets were rejected for {@code reason}. */
    public long rejected(AdvertCheck reason) {
        return rejected[reason.ordinal()];
    }

    /** keepalived's counter by its stats name ({@code packet_len_err}, …): sum of the reasons mapping to it. */
    public long byKeepalivedName(String stat) {
        long total = 0;
        for (AdvertCheck check : AdvertCheck.values()) {
            if (stat.equals(check.keepalivedStat())) {
                total += rejected[check.ordinal()];
            }
        }
        return total;
    }

    /** All keepalived-named counters, in keepalived's order, for the stats dump. */
    public Map<String, Long> asKeepalivedMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("advert_rcvd", advertRcvd);
        map.put("advert_sent", advertSent);
        map.put("become_master", becomeMaster);
        map.put("release_master", releaseMaster);
        for (String name : new String[] {"packet_len_err", "ip_ttl_err", "invalid_type_rcvd", "advert_interval_err",
                "addr_list_err", "invalid_authtype", "authtype_mismatch", "auth_failure"}) {
            map.put(name, byKeepalivedName(name));
        }
        map.put("pri_zero_rcvd", priZeroRcvd);
        map.put("pri_zero_sent", priZeroSent);
        return map;
    }

    /** Zeroes every counter (STATS_CLEAR). */
    public void clear() {
        advertRcvd = advertSent = becomeMaster = releaseMaster = priZeroRcvd = priZeroSent = 0;
        garpSent = messageOnlyChecksumRcvd = dualMasterEpisodes = dualMasterNanos = 0;
        java.util.Arrays.fill(rejected, 0);
    }
}
