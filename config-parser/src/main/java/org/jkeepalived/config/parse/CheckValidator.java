package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.model.Checker;
import org.jkeepalived.config.model.RealServer;
import org.jkeepalived.config.model.VirtualServer;
import org.jkeepalived.config.model.VirtualServerGroup;
import org.jkeepalived.config.parse.Drafts.CheckerDraft;
import org.jkeepalived.config.parse.Drafts.RsDraft;
import org.jkeepalived.config.parse.Drafts.VsDraft;

/** The checker process's validation ({@code validate_check_config}) and its model. */
final class CheckValidator {
    private CheckValidator() {
    }

    static List<VirtualServer> validate(Drafts drafts, org.jkeepalived.config.ScriptEnvironment env, Reporter out) {
        List<VirtualServer> result = new ArrayList<>();
        ScriptSecurity security = new ScriptSecurity(env);
        for (VsDraft vs : drafts.virtualServers) {
            vs.scripts.forEach(security::check);
            for (RsDraft rs : vs.realServers) {
                for (CheckerDraft c : rs.checkers) {
                    security.check(c.script);
                }
            }
        }
        if (!drafts.virtualServers.isEmpty()) {
            security.reportIfViolated(drafts.global.scriptSecurity, out, "check scripts");
        }
        for (VsDraft vs : drafts.virtualServers) {
            if (vs.realServers.isEmpty()) {
                out.report(GENERAL_ERROR, "Virtual server " + format(vs, vs.protocol) + " has no real servers - ignoring");
                continue;
            }
            boolean byAddress = vs.group != null ? hasAddresses(drafts.vsGroups.get(vs.group)) : vs.fwmark < 0;
            String protocol = vs.protocol;
            long persistence = vs.persistence;
            if (byAddress) {
                if (protocol == null) {
                    out.report(GENERAL_ERROR, "Virtual server " + format(vs, null) + ": no protocol set - defaulting to UDP");
                    protocol = "UDP";
                }
                if (vs.settings.containsKey("ops") && !"UDP".equals(protocol)) {
                    out.report(GENERAL_ERROR, "Virtual server " + format(vs, protocol)
                            + ": one packet scheduling requires UDP - resetting");
                }
                if (persistence == 0 && vs.group == null && vs.fwmark < 0 && vs.port == 0) {
                    out.report(GENERAL_ERROR, "Virtual server " + format(vs, protocol)
                            + ": zero port only valid for persistent services - setting");
                    persistence = 360;
                }
            } else if (protocol != null) {
                out.report(GENERAL_ERROR, "Warning: Virtual server " + format(vs, protocol)
                        + ": protocol specified for fwmark - protocol will be ignored");
                protocol = null;
            }
            String name = format(vs, protocol);
            String algo = vs.lbAlgo;
            if (algo == null) {
                out.report(GENERAL_ERROR, "Virtual server " + name + ": no scheduler set, setting default 'wlc'");
                algo = "wlc";
            }
            String kind = vs.lbKind;
            if (kind == null) {
                out.report(GENERAL_ERROR, "Virtual server " + name + ": no forwarding method set, setting default NAT");
                kind = "NAT";
            }
            List<RealServer> rss = new ArrayList<>();
            long weightSum = 0;
            for (RsDraft rs : vs.realServers) {
                int weight = rs.weight != null ? rs.weight : vs.weight;
                weightSum += weight;
                rss.add(new RealServer(rs.address, rs.port, weight, checkers(rs), rs.settings));
            }
            long quorum = vs.quorum;
            long hysteresis = vs.hysteresis;
            if (quorum > weightSum) {
                out.report(GENERAL_ERROR, "Warning - quorum " + quorum + " for " + name
                        + " exceeds total weight of real servers " + weightSum + ", reducing quorum to " + weightSum);
                quorum = weightSum;
            }
            if (hysteresis >= quorum) {
                long newHysteresis = (quorum - 1) & 0xffffffffL;
                out.report(GENERAL_ERROR, "Virtual server " + name + ": hysteresis " + hysteresis + " >= quorum " + quorum
                        + "; setting hysteresis to " + newHysteresis);
                hysteresis = newHysteresis;
            }
            result.add(new VirtualServer(vs.address, vs.port, vs.fwmark, vs.group, protocol, algo, kind, vs.delayLoop,
                    persistence, quorum, hysteresis, vs.sorryServer, rss, vs.settings));
        }
        return result;
    }

    private static boolean hasAddresses(List<List<String>> entries) {
        if (entries == null) {
            return false;
        }
        return entries.stream().anyMatch(e -> !e.get(0).equals("fwmark"));
    }

    private static List<Checker> checkers(RsDraft rs) {
        List<Checker> out = new ArrayList<>();
        for (CheckerDraft c : rs.checkers) {
            List<Map<String, List<String>>> urls = c.urls.stream().map(d -> d.settings).toList();
            List<Map<String, List<String>>> hosts = c.hosts.stream().map(d -> d.settings).toList();
            out.add(new Checker(c.type, c.settings, urls, hosts, c.script));
        }
        return out;
    }

    /** keepalived's FMT_VS: [ADDR]:proto:PORT ("none" before a protocol is known), FWM N, or [GROUP]:0. */
    static String format(VsDraft vs, String protocol) {
        if (vs.description != null) {
            return vs.description;
        }
        String proto = protocol == null ? "none" : protocol.toLowerCase(java.util.Locale.ROOT);
        return "[" + vs.address + "]:" + proto + ":" + vs.port;
    }

    static List<VirtualServerGroup> groups(Drafts drafts) {
        List<VirtualServerGroup> out = new ArrayList<>();
        drafts.vsGroups.forEach((k, v) -> out.add(new VirtualServerGroup(k, v)));
        return out;
    }
}
