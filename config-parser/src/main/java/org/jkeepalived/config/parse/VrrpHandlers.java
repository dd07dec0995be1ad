package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.UseVmac;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;

/** Handlers of {@code vrrp_instance} keywords; wording as keepalived's vrrp_parser.c. */
final class VrrpHandlers {
    private VrrpHandlers() {
    }

    private static InstanceDraft vi(ParseState st) {
        return st.drafts().lastInstance();
    }

    /**
     * Whether an interface named in the configuration can be used: it exists, or
     * dynamic_interfaces allows it. A missing one marks the configuration as naming a non-existent
     * interface (reported after the VRRP pass).
     */
    static boolean interfaceUsable(ParseState st, String name) {
        if (st.options().interfaces().exists(name)) {
            return true;
        }
        if (st.drafts().global.dynamicInterfaces) {
            return true;
        }
        st.drafts().nonExistentInterface = true;
        return false;
    }

    static void instance(ParseState st, LogicalLine line) {
        if (line.tokens().size() != 2) {
            st.report(GENERAL_ERROR, "vrrp_instance must have a name");
            st.skipBlock(true);
            return;
        }
        String name = line.tokens().get(1);
        if (!st.drafts().instanceNames.add(name)) {
            st.report(GENERAL_ERROR, "vrrp instance " + name + " already defined");
            st.skipBlock(true);
            return;
        }
        InstanceDraft d = new InstanceDraft(name, line.location());
        st.drafts().instances.add(d);
        st.target = d;
    }

    static void instanceEnd(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        if (d.useVmac != null && d.unicastConfigured && d.interfaceName == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac");
            d.useVmac = null;
        } else if (d.useVmac != null && d.unicastConfigured && !d.settings.containsKey("vmac_xmit_base")) {
            st.report(GENERAL_ERROR, "(" + d.name + ") unicast with use_vmac requires vmac_xmit_base - setting");
            d.record("vmac_xmit_base", java.util.List.of());
        }
        if (d.peers.isEmpty() && d.unicastTtl != -1) {
            st.report(GENERAL_ERROR, "(" + d.name + "): Cannot use unicast_ttl without unicast peers - resetting");
            d.unicastTtl = -1;
        }
    }

    static void state(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String s = line.tokens().get(1);
        if (s.equals("MASTER")) {
            d.state = "MASTER";
        } else if (s.equals("BACKUP")) {
            if ("MASTER".equals(d.state)) {
                st.report(GENERAL_ERROR, "(" + d.name + ") state previously set as MASTER - ignoring BACKUP");
            } else {
                d.state = "BACKUP";
            }
        } else {
            st.report(GENERAL_ERROR, "(" + d.name + ") unknown state '" + s + "', defaulting to BACKUP");
            d.state = "BACKUP";
        }
    }

    static void iface(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String name = line.tokens().get(1);
        if (name.length() >= 16) {
            st.report(GENERAL_ERROR, "Interface name '" + name + "' too long - ignoring");
            return;
        }
        if (!interfaceUsable(st, name)) {
            st.report(GENERAL_ERROR, "WARNING - interface " + name + " for vrrp_instance " + d.name + " doesn't exist");
            d.interfaceName = null;
            d.interfaceMissing = true;
        } else if (st.options().interfaces().isLoopback(name)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") cannot use a loopback interface (" + name + ") for vrrp - ignoring");
            d.interfaceName = null;
        } else {
            d.interfaceName = name;
        }
    }

    static void vrid(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, 255);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): VRID '" + line.tokens().get(1) + "' not valid - must be between 1 & 255");
            return;
        }
        d.vrid = v.intValue();
    }

    static void priority(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, 255);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Priority not valid! must be between 1 & 255. Using default 100");
            d.priority = 100;
        } else {
            d.priority = v.intValue();
        }
    }

    static void advertInt(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readDecimal(st, line.tokens().get(1), Numbers.TIMER_HZ / 100, 255 * Numbers.TIMER_HZ, 6, true);
        if (v == null || v <= 0) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Advert interval (" + line.tokens().get(1)
                    + ") not valid! Must be > 0 - ignoring");
            return;
        }
        d.advertMicros = v;
    }

    static void version(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readInt(st, line.tokens().get(1), 2, 3);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): Version must be either 2 or 3");
            return;
        }
        int version = v.intValue();
        if ((d.version != 0 && d.version != version) || (version == 2 && "IPV6".equals(d.family))) {
            st.report(GENERAL_ERROR, "(" + d.name + ") vrrp_version " + version + " conflicts with configured or deduced version "
                    + d.version + "; ignoring.");
            return;
        }
        d.version = version;
    }

    static void vips(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        st.readValueBlock(line, w -> {
            VirtualIp vip = AddressLines.parseVip(st, w, false, null);
            if (vip == null) {
                return;
            }
            if (d.family == null) {
                d.family = vip.family().name();
            } else if (!d.family.equals(vip.family().name())) {
                st.report(GENERAL_ERROR, "(" + d.name + "): address family must match VRRP instance [" + w.get(0) + "] - ignoring");
                return;
            }
            d.vips.add(vip);
        });
    }

    static void evips(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        st.readValueBlock(line, w -> {
            VirtualIp vip = AddressLines.parseVip(st, w, false, null);
            if (vip != null) {
                d.evips.add(vip);
            }
        });
    }

    static void routes(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        st.readValueBlock(line, w -> {
            VirtualRoute r = RouteLines.parseRoute(st, w, false);
            if (r != null) {
                d.routes.add(r);
            }
        });
    }

    static void rules(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        st.readValueBlock(line, w -> {
            VirtualRule r = RouteLines.parseRule(st, w, false);
            if (r != null) {
                d.rules.add(r);
            }
        });
    }

    static void unicastPeer(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        d.unicastConfigured = true;
        st.readValueBlock(line, w -> unicastPeerLine(st, d, w));
    }

    private static void unicastPeerLine(ParseState st, InstanceDraft d, java.util.List<String> w) {
        String addr = w.get(0);
        if (!Addresses.isIpAddress(addr)) {
            st.report(GENERAL_ERROR, "Configuration error: VRRP instance[" + d.name + "] malformed unicast peer address["
                    + addr + "]. Skipping...");
            return;
        }
        String family = addr.indexOf(':') >= 0 ? "IPV6" : "IPV4";
        if (d.family == null) {
            d.family = family;
        } else if (!d.family.equals(family)) {
            st.report(GENERAL_ERROR, "Configuration error: VRRP instance[" + d.name + "] and unicast peer address["
                    + addr + "] MUST be of the same family !!! Skipping...");
            return;
        }
        int minTtl = 0;
        int maxTtl = 255;
        for (int i = 1; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                st.report(GENERAL_ERROR, "(" + d.name + ") " + w.get(i) + " is missing a value");
                break;
            }
            Long v = Numbers.readUnsigned(st, w.get(i + 1), 0, 255);
            if (v == null) {
                continue;
            }
            if (w.get(i).equals("min_ttl")) {
                minTtl = v.intValue();
            } else if (w.get(i).equals("max_ttl")) {
                maxTtl = v.intValue();
            } else {
                st.report(GENERAL_ERROR, "(" + d.name + ") unknown unicast_peer option " + w.get(i));
                break;
            }
        }
        if (minTtl > maxTtl) {
            st.report(GENERAL_ERROR, "(" + d.name + ") min_ttl " + minTtl + " > max_ttl " + maxTtl
                    + " - all packets will be discarded");
        }
        d.peers.add(new UnicastPeer(addr, minTtl, maxTtl));
    }

    static void debug(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        if (Numbers.readUnsigned(st, line.tokens().get(1), 0, 4) == null) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Debug value '" + line.tokens().get(1) + "' not valid; must be between 0-4");
            return;
        }
        Handlers.record(st, line);
    }

    static void unicastSrcIp(ParseState st, LogicalLine line) {
        vi(st).unicastConfigured = true;
        srcIp(st, line);
    }

    static void srcIp(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String a = line.tokens().get(1);
        if (!Addresses.isIpAddress(a)) {
            st.report(GENERAL_ERROR, "Configuration error: VRRP instance[" + d.name + "] malformed src address[" + a + "]. Skipping...");
            return;
        }
        String family = a.indexOf(':') >= 0 ? "IPV6" : "IPV4";
        if (d.family == null) {
            d.family = family;
        } else if (!d.family.equals(family)) {
            st.report(GENERAL_ERROR, "Configuration error: VRRP instance[" + d.name + "] and src address[" + a
                    + "] MUST be of the same family !!! Skipping...");
            return;
        }
        d.unicastSrcIp = a;
    }

    static void mcastDstIp(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String a = line.tokens().get(1);
        if (!Addresses.isIpAddress(a)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") malformed mcast dest address " + a + ". Skipping...");
            return;
        }
        String family = a.indexOf(':') >= 0 ? "IPV6" : "IPV4";
        if (d.family == null) {
            d.family = family;
        } else if (!d.family.equals(family)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") mcast dest address " + a + " MUST match VRRP instance family. Skipping...");
        }
        boolean v6 = family.equals("IPV6");
        boolean ok = v6 ? a.toLowerCase(java.util.Locale.ROOT).matches("ff[0-9a-f]2:.*") : Addresses.isMulticast(a);
        if (!ok) {
            st.report(GENERAL_ERROR, "(" + d.name + ") mcast_dst_ip " + a + " not" + (v6 ? " link-local" : "") + " multicast. Skipping...");
        } else if (d.family.equals(family)) {
            d.mcastDstIp = a;
        }
    }

    static void unicastTtl(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 0, 255);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + "): TTL '" + line.tokens().get(1) + "' not valid - must be between 0 & 255");
            return;
        }
        d.unicastTtl = v.intValue();
    }

    static void unicastFlag(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        d.unicastConfigured = true;
        if (line.tokens().get(0).equals("unicast_fault_no_peer")) {
            d.unicastFaultNoPeer = true;
        }
        Handlers.record(st, line);
    }

    static void nopreempt(ParseState st, LogicalLine line) {
        vi(st).nopreempt = true;
    }

    static void preempt(ParseState st, LogicalLine line) {
        vi(st).nopreempt = false;
    }

    static void preemptDelay(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Long v = Numbers.readTimer(st, line.tokens().get(1), 0, 1000 * Numbers.TIMER_HZ);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Preempt_delay not valid! must be between 0-1000");
            return;
        }
        d.preemptDelay = v;
    }

    static void notify(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String kw = line.tokens().get(0);
        if (d.notify.containsKey(kw)) {
            String shown = kw.equals("notify") ? "notify script" : kw.equals("notify_deleted") ? "notify_deleted"
                    : kw + " script";
            st.report(GENERAL_ERROR, "(" + d.name + ") " + shown + " already specified - ignoring "
                    + (line.tokens().size() > 1 ? line.tokens().get(1) : ""));
            return;
        }
        if (kw.equals("notify_deleted") && line.tokens().size() < 2) {
            d.record(kw, java.util.List.of());
            return;
        }
        st.arg(line, 1);
        NotifyScript script = Scripts.forNotify(st, line);
        if (script != null) {
            d.notify.put(kw, script);
        }
    }

    static void smtpAlert(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "Invalid vrrp_instance smtp_alert parameter " + line.tokens().get(1) : null);
        if (v != null) {
            vi(st).smtpAlert = v;
        }
    }

    static void lvsSyncdInterface(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        st.report(GENERAL_ERROR, "(" + d.name + ") Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
        st.report(GENERAL_ERROR, "      " + " ".repeat(Math.max(0, d.name.length() - 2)) + "Please use global lvs_sync_daemon");
        Handlers.record(st, line);
    }

    static void useVmac(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        d.useVmac = new UseVmac(null, null);
        String name = null;
        String mac = null;
        java.util.List<String> t = line.tokens();
        for (int i = 1; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equals("name") && i + 1 < t.size()) {
                name = t.get(++i);
            } else if (w.indexOf(':') > 0) {
                mac = w;
            } else if (!w.equals("netlink_notify_msg") && !w.equals("group")) {
                name = w;
            } else if (w.equals("group")) {
                i++;
            }
        }
        if (name != null && st.options().interfaces().exists(name)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") interface " + name
                    + " already exists and is not a private macvlan; ignoring vmac if_name");
            name = null;
        }
        d.useVmac = new UseVmac(name, mac);
    }

    static void flagDontTrackPrimary(ParseState st, LogicalLine line) {
        vi(st).dontTrackPrimary = true;
    }

    static void promoteSecondaries(ParseState st, LogicalLine line) {
        vi(st).promoteSecondaries = true;
    }

    static void accept(ParseState st, LogicalLine line) {
        vi(st).accept = true;
    }

    static void noAccept(ParseState st, LogicalLine line) {
        vi(st).accept = false;
    }

    static void strictMode(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "(" + d.name + ") invalid strict_mode " + line.tokens().get(1) + " specified" : null);
        if (v != null) {
            d.strict = v;
        }
    }

    static void lowerPrioNoAdvert(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "(" + d.name + ") invalid lower_prio_no_advert " + line.tokens().get(1) + " specified" : null);
        if (v != null) {
            d.lowerPrioNoAdvert = v;
        }
    }

    static void higherPrioSendAdvert(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "(" + d.name + ") invalid higher_prio_send_advert " + line.tokens().get(1) + " specified" : null);
        if (v != null) {
            d.higherPrioSendAdvert = v;
        }
    }

    static void authentication(ParseState st, LogicalLine line) {
        // The block's keywords write straight into the instance draft.
    }

    static void authType(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String s = line.tokens().get(1);
        if (s.equals("AH") || s.equals("PASS")) {
            d.authType = s;
        } else {
            st.report(GENERAL_ERROR, "(" + d.name + ") unknown authentication type '" + s + "'");
        }
    }

    static void authPass(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String s = line.tokens().get(1);
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > 8) {
            st.report(GENERAL_ERROR, "Truncating auth_pass to 8 characters");
            s = new String(bytes, 0, 8, java.nio.charset.StandardCharsets.UTF_8);
        }
        d.authPass = s;
    }

    static void report(ParseState st, ConfigError error, String message) {
        st.report(error, message);
    }
}
