package org.jkeepalived.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

import org.jkeepalived.daemon.vrrp.InstanceRuntime;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.state.InstanceStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's signal dumps: SIGUSR1 writes {@code keepalived.data} (keepalived's instance blocks,
 * then our own counters), SIGUSR2 {@code keepalived.stats} in keepalived's stats layout and
 * SIGRTMIN+2 {@code keepalived.json} in keepalived's JSON layout. Files are written to a temporary name and renamed, so a reader
 * never sees a half-written dump (a known problem with keepalived's own dumps).
 */
final class Dumps {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private Dumps() {
    }

    static void writeStats(Path dir, VrrpService vrrp, boolean clear) {
        StringBuilder out = new StringBuilder();
        for (InstanceRuntime r : vrrp.instances().values()) {
            InstanceStats s = r.core().stats();
            out.append("VRRP Instance: ").append(r.name()).append('\n');
            out.append("  Advertisements:\n");
            line(out, "    Received: ", s.advertRcvd());
            line(out, "    Sent: ", s.advertSent());
            line(out, "  Became master: ", s.becomeMaster());
            line(out, "  Released master: ", s.releaseMaster());
            out.append("  Packet Errors:\n");
            line(out, "    Length: ", s.byKeepalivedName("packet_len_err"));
            line(out, "    TTL: ", s.byKeepalivedName("ip_ttl_err"));
            line(out, "    Invalid Type: ", s.byKeepalivedName("invalid_type_rcvd"));
            line(out, "    Advertisement Interval: ", s.byKeepalivedName("advert_interval_err"));
            line(out, "    Address List: ", s.byKeepalivedName("addr_list_err"));
            out.append("  Authentication Errors:\n");
            line(out, "    Invalid Type: ", s.byKeepalivedName("invalid_authtype"));
            line(out, "    Type Mismatch: ", s.byKeepalivedName("authtype_mismatch"));
            line(out, "    Failure: ", s.byKeepalivedName("auth_failure"));
            out.append("  Priority Zero:\n");
            line(out, "    Received: ", s.priZeroRcvd());
            line(out, "    Sent: ", s.priZeroSent());
            if (clear) {
                s.clear();
            }
        }
        write(dir.resolve("keepalived.stats"), out.toString());
    }

    static void writeData(Path dir, VrrpService vrrp) {
        StringBuilder out = new StringBuilder();
        out.append("------< VRRP Topology >------\n");
        for (InstanceRuntime r : vrrp.instances().values()) {
            InstanceDumps.dataBlock(out, r);
            out.append("   Counters:\n");
            for (Map.Entry<String, Long> e : r.core().stats().asKeepalivedMap().entrySet()) {
                out.append("   ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            }
            appendDualMaster(out, r);
            // Every reason, also those keepalived has no counter for (checksum, version, CARP, ...).
            for (AdvertCheck reason : AdvertCheck.values()) {
                if (reason != AdvertCheck.VALID) {
                    out.append("   rejected ").append(reason).append(" = ").append(r.core().stats().rejected(reason)).append('\n');
                }
            }
        }
        VrrpService.FrameDispatcherStats unattributed = vrrp.dispatchStats();
        out.append(" Frames for no instance:\n");
        out.append("   unknown VRID = ").append(unattributed.unknownVrid()).append('\n');
        unattributed.invalidByReason().forEach((reason, count) ->
                out.append("   rejected ").append(reason).append(" = ").append(count).append('\n'));
        write(dir.resolve("keepalived.data"), out.toString());
    }

    /** SIGRTMIN+2: {@code keepalived.json}, keepalived 2.2.7's array of {"data", "stats"} objects. */
    static void writeJson(Path dir, VrrpService vrrp) {
        if (vrrp.instances().isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("[");
        for (InstanceRuntime r : vrrp.instances().values()) {
            if (out.length() > 1) {
                out.append(',');
            }
            InstanceDumps.json(out, r, r.lastTransitionMillis() * 1000);
        }
        out.append(']');
        write(dir.resolve("keepalived.json"), out.toString());
    }

    /** jkeepalived's dual-master counters (docs/dual-master.md); keepalived.stats keeps 2.2.7's layout. */
    private static void appendDualMaster(StringBuilder out, InstanceRuntime r) {
        InstanceStats s = r.core().stats();
        InetAddress peer = r.core().dualMasterPeer();
        out.append("   dual_master_episodes = ").append(s.dualMasterEpisodes()).append('\n');
        out.append("   dual_master_seconds = ").append(String.format(Locale.ROOT, "%.3f", s.dualMasterNanos() / 1e9))
                .append('\n');
        out.append("   dual_master_peer = ").append(peer == null ? "none" : org.jkeepalived.vrrp.state.AddressText.of(peer)).append('\n');
    }

    private static void line(StringBuilder out, String label, long value) {
        out.append(label).append(value).append('\n');
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("Unable to write {}: {}", file, e.getMessage());
        }
    }
}
