package org.jkeepalived.daemon;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.daemon.vrrp.InstanceRuntime;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.AddressText;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceStats;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.jkeepalived.vrrp.state.VrrpState;

/**
 * One instance in keepalived 2.2.7's dump formats ({@code vrrp_data.c} / {@code vrrp_json.c}):
 * the instance block of {@code keepalived.data} (the lines that describe state, priorities,
 * timers and VIPs, in keepalived's order and wording) and the object of {@code keepalived.json}.
 * Stateless; called on the loop thread.
 */
final class InstanceDumps {

    private InstanceDumps() {
    }

    /** keepalived's state numbers in the JSON dump. */
    static int stateNumber(VrrpState state) {
        return switch (state) {
            case INIT -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
        };
    }

    /** The " VRRP Instance = NAME" block of keepalived.data, without our extra counters. */
    static void dataBlock(StringBuilder out, InstanceRuntime r) {
        VrrpInstance core = r.core();
        InstanceSettings settings = r.settings();
        out.append(" VRRP Instance = ").append(r.name()).append('\n');
        out.append("   VRRP Version = ").append(settings.version()).append('\n');
        if (r.config().syncGroup() != null) {
            out.append("   Sync group = ").append(r.config().syncGroup()).append('\n');
        }
        if (settings.family() == org.jkeepalived.vrrp.codec.IpFamily.IPV6) {
            out.append("   Using Native IPv6\n");
        }
        out.append("   State = ").append(core.state()).append('\n');
        if (core.state() == VrrpState.BACKUP) {
            out.append("   Master priority = ").append(core.masterPriority()).append('\n');
            if (settings.version() == 3) {
                out.append("   Master advert int = ")
                        .append(String.format(Locale.ROOT, "%.2f", core.masterAdvertIntervalCentis() / 100.0)).append(" sec\n");
            }
        }
        out.append("   Wantstate = ").append(core.state()).append('\n');
        out.append("   Master down timer = ").append(masterDownMicros(r)).append(" usecs\n");
        out.append("   Interface = ").append(r.receiveDevice()).append('\n');
        if (!r.sendDevice().equals(r.receiveDevice())) {
            out.append("   VMAC interface = ").append(r.sendDevice()).append('\n');
        }
        out.append("   Virtual Router ID = ").append(settings.vrid()).append('\n');
        out.append("   Priority = ").append(core.basePriority()).append('\n');
        out.append("   Effective priority = ").append(core.effectivePriority()).append('\n');
        out.append("   Advert interval = ").append(settings.version() == 2 ? settings.advertIntervalCentis() / 100 + " sec"
                : settings.advertIntervalCentis() * 10 + " milli-sec").append('\n');
        if (core.state() == VrrpState.BACKUP && settings.version() == 3) {
            out.append("   Master advert interval = ").append(core.masterAdvertIntervalCentis() * 10).append(" milli-sec\n");
        }
        boolean set = core.state() == VrrpState.MASTER;
        if (!settings.virtualAddresses().isEmpty()) {
            out.append("   Virtual IP (").append(settings.virtualAddresses().size()).append("):\n");
            settings.virtualAddresses().forEach(v -> out.append("     ").append(vipText(v, set)).append('\n'));
        }
        if (!settings.excludedAddresses().isEmpty()) {
            out.append("   Virtual IP Excluded :\n");
            settings.excludedAddresses().forEach(v -> out.append("     ").append(vipText(v, set)).append('\n'));
        }
    }

    /** keepalived's ms_down_timer in µs: the down timer's length when last armed. */
    private static long masterDownMicros(InstanceRuntime r) {
        return r.core().msDownTimerNanos() / 1000;
    }

    /** keepalived's {@code format_ipaddress}: "192.0.2.100/24 dev eth0 scope global set". */
    static String vipText(VirtualAddress v, boolean set) {
        StringBuilder text = new StringBuilder(AddressText.of(v.address()));
        if (v.prefixLength() != (v.isIpv6() ? 128 : 32)) {
            text.append('/').append(v.prefixLength());
        }
        if (!v.isIpv6() && v.broadcast() != null) {
            text.append(" brd ").append(AddressText.of(v.broadcast()));
        }
        text.append(" dev ").append(v.device()).append(" scope ").append(scopeName(v.scope()));
        if (v.label() != null) {
            text.append(" label ").append(v.label());
        }
        if (v.peer() != null) {
            text.append(" peer ").append(AddressText.of(v.peer())).append('/').append(v.prefixLength());
        }
        if (!v.noDad() && v.isIpv6()) {
            text.append(" -nodad");
        }
        if (v.isIpv6()) {
            text.append(v.deprecated() ? " deprecated" : " preferred_lft forever");
        }
        if (set) {
            text.append(" set");
        }
        return text.toString();
    }

    private static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    /** The {@code {"data":{...},"stats":{...}}} object of keepalived.json for one instance. */
    static void json(StringBuilder out, InstanceRuntime r, long lastTransitionMicros) {
        VrrpInstance core = r.core();
        InstanceSettings s = r.settings();
        org.jkeepalived.config.model.VrrpInstance c = r.config();
        Json json = new Json(out);
        out.append("{\"data\":{");
        json.string("iname", r.name());
        json.number("dont_track_primary", c.dontTrackPrimary() ? 1 : 0);
        json.number("skip_check_adv_addr", s.skipCheckAdvAddr() ? 1 : 0);
        json.number("strict_mode", c.strictMode() ? 1 : 0);
        json.string("vmac_ifname", r.sendDevice().equals(r.receiveDevice()) ? "" : r.sendDevice());
        json.string("ifp_ifname", r.receiveDevice());
        json.number("master_priority", core.masterPriority());
        json.raw("last_transition", String.format(Locale.ROOT, "%d.%06d", lastTransitionMicros / 1_000_000,
                lastTransitionMicros % 1_000_000));
        json.raw("garp_delay", Json.g(s.garp().masterDelayNanos() / 1e9));
        json.number("garp_refresh", s.garp().masterRefreshNanos() / 1_000_000_000L);
        json.number("garp_rep", s.garp().masterRepeat());
        json.number("garp_refresh_rep", s.garp().masterRefreshRepeat());
        json.number("garp_lower_prio_delay", s.garp().lowerPrioDelayNanos() / 1_000_000_000L);
        json.number("garp_lower_prio_rep", s.garp().lowerPrioRepeat());
        json.number("lower_prio_no_advert", s.lowerPrioNoAdvert() ? 1 : 0);
        json.number("higher_prio_send_advert", s.higherPrioSendAdvert() ? 1 : 0);
        json.number("vrid", s.vrid());
        json.number("base_priority", core.basePriority());
        json.number("effective_priority", core.effectivePriority());
        json.bool("vipset", core.state() == VrrpState.MASTER);
        json.bool("promote_secondaries", c.promoteSecondaries());
        json.raw("adver_int", Json.g(s.advertIntervalCentis() / 100.0));
        json.raw("master_adver_int", Json.g(core.masterAdvertIntervalCentis() / 100.0));
        json.number("accept", c.accept() ? 1 : 0);
        json.bool("nopreempt", c.nopreempt());
        json.number("preempt_delay", c.preemptDelayMicros() / 1_000_000);
        json.number("state", stateNumber(core.state()));
        json.number("wantstate", stateNumber(core.state()));
        json.number("version", s.version());
        json.bool("smtp_alert", c.smtpAlert());
        json.bool("notify_deleted", c.notifyScripts().containsKey("notify_deleted")
                || c.otherSettings().containsKey("notify_deleted"));
        scripts(json, c.notifyScripts());
        boolean set = core.state() == VrrpState.MASTER;
        json.array("vips", s.virtualAddresses().stream().map(v -> vipText(v, set)).toList());
        json.array("evips", s.excludedAddresses().stream().map(v -> vipText(v, set)).toList());
        json.array("track_ifp", c.trackedInterfaces().stream().map(TrackedItem::name).toList());
        json.number("auth_type", s.authType() == AuthType.PASS ? 1 : s.authType() == AuthType.AH ? 2 : 0);
        if (s.authType() != AuthType.NONE && s.authPassword() != null) {
            json.string("auth_data", new String(s.authPassword(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("\0", ""));
        }
        out.setLength(out.length() - 1);
        out.append("},\"stats\":{");
        InstanceStats stats = core.stats();
        json.number("advert_rcvd", stats.advertRcvd());
        json.number("advert_sent", stats.advertSent());
        json.number("become_master", stats.becomeMaster());
        json.number("release_master", stats.releaseMaster());
        for (String name : List.of("packet_len_err", "advert_interval_err", "ip_ttl_err", "invalid_type_rcvd",
                "addr_list_err", "invalid_authtype", "authtype_mismatch", "auth_failure")) {
            json.number(name, stats.byKeepalivedName(name));
        }
        json.number("pri_zero_rcvd", stats.priZeroRcvd());
        json.number("pri_zero_sent", stats.priZeroSent());
        out.setLength(out.length() - 1);
        out.append("}}");
    }

    /** keepalived's script fields, in its order, each the command as configured. */
    private static void scripts(Json json, Map<String, NotifyScript> scripts) {
        String[][] fields = {{"notify_backup", "script_backup"}, {"notify_master", "script_master"},
            {"notify_fault", "script_fault"}, {"notify_stop", "script_stop"}, {"notify_deleted", "script_deleted"},
            {"notify", "script"}, {"notify_master_rx_lower_pri", "script_master_rx_lower_pri"}};
        for (String[] field : fields) {
            NotifyScript script = scripts.get(field[0]);
            if (script != null) {
                json.string(field[1], String.join(" ", script.argv()));
            }
        }
    }

    /** A minimal writer for keepalived's compact JSON: each field ends with a comma the caller trims. */
    private record Json(StringBuilder out) {
        void string(String name, String value) {
            out.append('"').append(name).append("\":");
            quote(value);
            out.append(',');
        }

        void number(String name, long value) {
            out.append('"').append(name).append("\":").append(value).append(',');
        }

        void bool(String name, boolean value) {
            out.append('"').append(name).append("\":").append(value).append(',');
        }

        void raw(String name, String value) {
            out.append('"').append(name).append("\":").append(value).append(',');
        }

        /** Omitted when empty, as keepalived omits empty lists. */
        void array(String name, List<String> values) {
            if (values.isEmpty()) {
                return;
            }
            out.append('"').append(name).append("\":[");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(values.get(i));
            }
            out.append("],");
        }

        private void quote(String value) {
            out.append('"');
            for (char ch : value.toCharArray()) {
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '/' -> out.append("\\/"); // keepalived's JSON writer escapes the solidus
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                }
            }
            out.append('"');
        }

        /** C's {@code %g} for the small non-negative values keepalived prints (5, 1, 0.1). */
        static String g(double value) {
            String text = String.format(Locale.ROOT, "%.6g", value);
            if (text.contains(".")) {
                text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return text;
        }
    }
}
