package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.config.parse.Drafts.GarpGroupDraft;
import org.jkeepalived.config.parse.Drafts.SyncGroupDraft;
import org.jkeepalived.config.parse.Drafts.TrackFileDraft;
import org.jkeepalived.config.parse.Drafts.TrackProcessDraft;

/**
 * The VRRP process's other root blocks: vrrp_sync_group, static_*, track_group, garp_group,
 * track_file, vrrp_track_process, linkbeat_interfaces and interface_up_down_delays.
 */
final class RootBlockHandlers {
    private RootBlockHandlers() {
    }

    static void syncGroup(ParseState st, LogicalLine line) {
        if (line.tokens().size() != 2) {
            st.report(GENERAL_ERROR, "vrrp_sync_group must have a name - skipping");
            st.skipBlock(true);
            return;
        }
        String name = line.tokens().get(1);
        if (!st.drafts().syncGroupNames.add(name)) {
            st.report(GENERAL_ERROR, "vrrp sync group " + name + " already defined");
            st.skipBlock(true);
            return;
        }
        SyncGroupDraft g = new SyncGroupDraft(name);
        st.drafts().syncGroups.add(g);
        st.target = g;
    }

    static void syncGroupMembers(ParseState st, LogicalLine line) {
        SyncGroupDraft g = (SyncGroupDraft) st.target;
        if (!g.members.isEmpty()) {
            st.report(GENERAL_ERROR, "Group list already specified for sync group " + g.name);
            st.skipBlock(true);
            return;
        }
        st.readValueBlock(line, g.members::addAll);
        if (g.members.isEmpty()) {
            st.report(GENERAL_ERROR, "Warning - sync group " + g.name + " has empty group block");
        }
    }

    static void syncGroupNotify(ParseState st, LogicalLine line) {
        SyncGroupDraft g = (SyncGroupDraft) st.target;
        String kw = line.tokens().get(0);
        if (g.notify.containsKey(kw)) {
            st.report(GENERAL_ERROR, "vrrp group " + g.name + ": " + kw + " script already specified - ignoring "
                    + line.tokens().get(1));
            return;
        }
        NotifyScript s = Scripts.forNotify(st, line);
        if (s != null) {
            g.notify.put(kw, s);
        }
    }

    static void syncGroupNotifyPriorityChanges(ParseState st, LogicalLine line) {
        SyncGroupDraft g = (SyncGroupDraft) st.target;
        if (Handlers.optionalBool(st, line, line.tokens().size() > 1 ? "(" + g.name + ") Invalid value '"
                + line.tokens().get(1) + "' for sync group notify_priority_changes specified" : null) != null) {
            Handlers.record(st, line);
        }
    }

    static void syncGroupSmtp(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "Invalid vrrp_group smtp_alert parameter " + line.tokens().get(1) : null);
        if (v != null) {
            ((SyncGroupDraft) st.target).smtpAlert = v;
        }
    }

    static void globalTracking(ParseState st, LogicalLine line) {
        SyncGroupDraft g = (SyncGroupDraft) st.target;
        st.report(GENERAL_ERROR, "(" + g.name + ") global_tracking is deprecated. Use track_interface/script/file on the sync group");
        g.trackingWeight = true;
    }

    static void trackingWeight(ParseState st, LogicalLine line) {
        ((SyncGroupDraft) st.target).trackingWeight = true;
    }

    static void staticAddresses(ParseState st, LogicalLine line) {
        List<VirtualIp> out = st.drafts().staticAddresses;
        st.readValueBlock(line, w -> {
            VirtualIp ip = AddressLines.parseVip(st, w, true, st.drafts().global.defaultInterface);
            if (ip != null) {
                out.add(ip);
            }
        });
    }

    static void staticRoutes(ParseState st, LogicalLine line) {
        List<VirtualRoute> out = st.drafts().staticRoutes;
        st.readValueBlock(line, w -> {
            VirtualRoute r = RouteLines.parseRoute(st, w, true);
            if (r != null) {
                out.add(r);
            }
        });
    }

    static void staticRules(ParseState st, LogicalLine line) {
        List<VirtualRule> out = st.drafts().staticRules;
        st.readValueBlock(line, w -> {
            VirtualRule r = RouteLines.parseRule(st, w, true);
            if (r != null) {
                out.add(r);
            }
        });
    }

    static void trackGroup(ParseState st, LogicalLine line) {
        if (line.tokens().size() != 2) {
            st.report(GENERAL_ERROR, "track_group must have a name - skipping");
            st.skipBlock(true);
            return;
        }
        String name = line.tokens().get(1);
        if (st.drafts().trackGroups.containsKey(name)) {
            st.report(GENERAL_ERROR, "track_group " + name + " already defined");
            st.skipBlock(true);
            return;
        }
        st.drafts().trackGroups.put(name, new ArrayList<>());
        Draft marker = new Draft();
        marker.record("name", List.of(name));
        st.target = marker;
    }

    static void trackGroupMembers(ParseState st, LogicalLine line) {
        String name = st.target.settings.get("name").get(0);
        List<String> members = st.drafts().trackGroups.get(name);
        if (!members.isEmpty()) {
            st.report(GENERAL_ERROR, "Group list already specified for sync group " + name);
            st.skipBlock(true);
            return;
        }
        st.readValueBlock(line, members::addAll);
        if (members.isEmpty()) {
            st.report(GENERAL_ERROR, "Warning - track group " + name + " has empty group block");
        }
    }

    static void garpGroup(ParseState st, LogicalLine line) {
        GarpGroupDraft g = new GarpGroupDraft();
        st.drafts().garpGroups.add(g);
        st.target = g;
    }

    static void garpGroupInterval(ParseState st, LogicalLine line) {
        GarpGroupDraft g = (GarpGroupDraft) st.target;
        boolean garp = line.tokens().get(0).equals("garp_interval");
        Long v = Numbers.readDecimal(st, line.tokens().get(1), 0, Integer.MAX_VALUE, 6, true);
        if (v == null) {
            st.report(GENERAL_ERROR, "garp_group " + line.tokens().get(0) + " '" + line.tokens().get(1) + "' invalid");
            return;
        }
        if (garp) {
            g.garpInterval = v;
            g.haveGarp = true;
        } else {
            g.gnaInterval = v;
            g.haveGna = true;
        }
    }

    static void garpGroupInterface(ParseState st, LogicalLine line) {
        GarpGroupDraft g = (GarpGroupDraft) st.target;
        String name = line.tokens().get(1);
        if (!VrrpHandlers.interfaceUsable(st, name)) {
            st.report(GENERAL_ERROR, "WARNING - interface " + name + " specified for garp_group doesn't exist");
            return;
        }
        g.interfaces.add(name);
    }

    static void garpGroupInterfaces(ParseState st, LogicalLine line) {
        GarpGroupDraft g = (GarpGroupDraft) st.target;
        List<String> names = new ArrayList<>();
        st.readValueBlock(line, names::addAll);
        if (names.isEmpty()) {
            st.report(GENERAL_ERROR, "Warning - empty garp_group interfaces block");
            return;
        }
        g.aggregationGroup = 1 + (int) st.drafts().garpGroups.stream()
                .filter(o -> o != g && o.aggregationGroup != 0).count();
        for (String name : names) {
            if (!VrrpHandlers.interfaceUsable(st, name)) {
                if (!st.drafts().global.dynamicInterfaces) {
                    st.report(GENERAL_ERROR, "WARNING - interface " + name + " specified for garp_group doesn't exist");
                }
            } else {
                g.interfaces.add(name);
            }
        }
    }

    static void garpGroupEnd(ParseState st, LogicalLine line) {
        GarpGroupDraft g = (GarpGroupDraft) st.target;
        if (!g.haveGarp && !g.haveGna) {
            st.report(GENERAL_ERROR, "garp group " + g.aggregationGroup + " does not have any delay set - removing");
            st.drafts().garpGroups.remove(g);
        }
    }

    static void trackFile(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        TrackFileDraft f = new TrackFileDraft(name);
        st.drafts().trackFiles.put(name, f);
        st.target = f;
    }

    static void trackFileFile(ParseState st, LogicalLine line) {
        TrackFileDraft f = (TrackFileDraft) st.target;
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "track file file name missing");
            return;
        }
        if (f.file != null) {
            st.report(GENERAL_ERROR, "File already set for track file " + f.name + " - ignoring " + line.tokens().get(1));
            return;
        }
        f.file = line.tokens().get(1);
    }

    static void trackFileWeight(ParseState st, LogicalLine line) {
        TrackFileDraft f = (TrackFileDraft) st.target;
        List<String> t = line.tokens();
        if (t.size() < 2) {
            st.report(GENERAL_ERROR, "No weight specified for track file " + f.name + " - ignoring");
            return;
        }
        if (f.weight != 1) {
            st.report(GENERAL_ERROR, "Weight already set for track file " + f.name + " - ignoring " + t.get(1));
            return;
        }
        Long v = Numbers.readInt(st, t.get(1), -254, 254);
        if (v == null) {
            st.report(GENERAL_ERROR, "Weight (" + t.get(1) + ") for track_file " + f.name
                    + " must be between [-254..254] inclusive. Ignoring...");
        }
        f.weight = v == null ? 1 : v.intValue();
        if (t.size() >= 3) {
            if (t.get(2).equals("reverse")) {
                f.reverse = true;
            } else {
                st.report(GENERAL_ERROR, "track_file " + f.name + " unknown weight option " + t.get(2));
            }
        }
    }

    static void trackFileInit(ParseState st, LogicalLine line) {
        TrackFileDraft f = (TrackFileDraft) st.target;
        f.initFile = true;
        for (String w : Handlers.args(line)) {
            String t = w.stripLeading();
            if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-')) {
                Long v = Numbers.readInt(st, w, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v == null) {
                    st.report(GENERAL_ERROR, "Track file " + f.file + " init value " + t + " is invalid");
                    v = 0L;
                } else if (v < -254 || v > 254) {
                    st.report(GENERAL_ERROR, "Track file " + f.file + " init value " + v
                            + " is outside sensible range [-254, 254]");
                }
                f.initValue = v.intValue();
            } else if (t.equals("overwrite")) {
                f.overwrite = true;
            } else {
                st.report(GENERAL_ERROR, "Unknown track file init option " + t);
            }
        }
    }

    static void trackFileEnd(ParseState st, LogicalLine line) {
        TrackFileDraft f = (TrackFileDraft) st.target;
        if (f.file == null) {
            st.report(GENERAL_ERROR, "No file set for track_file " + f.name + " - ignoring");
            st.drafts().trackFiles.remove(f.name);
        }
    }

    static void trackProcess(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        TrackProcessDraft p = new TrackProcessDraft(name);
        st.drafts().trackProcesses.put(name, p);
        st.target = p;
    }

    static void trackProcessSetting(ParseState st, LogicalLine line) {
        TrackProcessDraft p = (TrackProcessDraft) st.target;
        List<String> a = Handlers.args(line);
        switch (line.tokens().get(0)) {
            case "process" -> {
                if (!p.process.isEmpty()) {
                    st.report(GENERAL_ERROR, "Process already set for track process " + p.name + " - ignoring "
                            + (a.isEmpty() ? "" : a.get(0)));
                } else {
                    p.process = List.copyOf(a);
                }
            }
            case "param_match" -> {
                if (a.isEmpty() || a.get(0).equals("initial") || a.get(0).equals("partial")) {
                    p.paramMatch = a.isEmpty() ? "exact" : a.get(0);
                } else {
                    st.report(GENERAL_ERROR, "Invalid param_match type " + a.get(0) + " - ignoring");
                }
            }
            case "weight" -> processWeight(st, p, a);
            case "quorum" -> {
                Long v = Numbers.readUnsigned(st, st.arg(line, 1), 1, 65535);
                if (v == null) {
                    st.report(GENERAL_ERROR, "Quorum (" + a.get(0) + ") for vrrp_track_process " + p.name
                            + " must be between [1..65535] inclusive. Ignoring...");
                } else if (p.quorumMax >= 0 && v > p.quorumMax) {
                    st.report(GENERAL_ERROR, "Quorum is greater than quorum_max - ignoring");
                } else {
                    p.quorum = v.intValue();
                }
            }
            case "quorum_max" -> {
                Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 65535);
                if (v == null) {
                    st.report(GENERAL_ERROR, "quorum_max (" + a.get(0) + ") for vrrp_track_process " + p.name
                            + " must be between [0..65535] inclusive. Ignoring...");
                } else if (v < p.quorum) {
                    st.report(GENERAL_ERROR, "quorum_max is less than quorum - ignoring");
                } else {
                    p.quorumMax = v.intValue();
                }
            }
            case "full_command" -> p.fullCommand = true;
            default -> delay(st, p, line.tokens().get(0), a);
        }
    }

    private static void processWeight(ParseState st, TrackProcessDraft p, List<String> a) {
        if (a.isEmpty()) {
            st.report(GENERAL_ERROR, "No weight specified for track process " + p.name + " - ignoring");
            return;
        }
        if (p.weight != 0) {
            st.report(GENERAL_ERROR, "Weight already set for track process " + p.name + " - ignoring " + a.get(0));
            return;
        }
        Long v = Numbers.readInt(st, a.get(0), -254, 254);
        if (v == null) {
            st.report(GENERAL_ERROR, "Weight (" + a.get(0) + ") for vrrp_track_process " + p.name
                    + " must be between [-254..254] inclusive. Ignoring...");
            return;
        }
        if (a.size() > 1) {
            if (a.get(1).equals("reverse")) {
                p.reverse = true;
            } else {
                st.report(GENERAL_ERROR, "vrrp_track_process " + p.name + " unknown weight option " + a.get(1));
            }
        }
        p.weight = v.intValue();
    }

    private static void delay(ParseState st, TrackProcessDraft p, String kw, List<String> a) {
        Long v = a.isEmpty() ? null : Numbers.readTimer(st, a.get(0), 1, 3600 * Numbers.TIMER_HZ);
        if (v == null) {
            if (!a.isEmpty()) {
                st.report(GENERAL_ERROR, kw + " (" + a.get(0) + ") for vrrp_track_process " + p.name
                        + " must be between [0.000001..3600] inclusive. Ignoring...");
            }
            return;
        }
        if (!kw.equals("fork_delay")) {
            p.terminateDelay = v;
        }
        if (!kw.equals("terminate_delay")) {
            p.forkDelay = v;
        }
    }

    private static int intOr(ParseState st, List<String> a, long min, long max, int fallback) {
        Long v = a.isEmpty() ? null : Numbers.readUnsigned(st, a.get(0), min, max);
        return v == null ? fallback : v.intValue();
    }

    static void trackProcessEnd(ParseState st, LogicalLine line) {
        TrackProcessDraft p = (TrackProcessDraft) st.target;
        if (p.process.isEmpty()) {
            st.report(GENERAL_ERROR, "track process '" + p.name + "' process name not specified");
            st.drafts().trackProcesses.remove(p.name);
        }
    }

    static void linkbeatInterfaces(ParseState st, LogicalLine line) {
        st.readValueBlock(line, w -> {
            if (!st.options().interfaces().exists(w.get(0))) {
                st.report(ConfigError.FATAL, "unknown interface " + w.get(0) + " specified for linkbeat interface");
                return;
            }
            st.drafts().linkbeatInterfaces.put(w.get(0), w.size() > 1 ? w.get(1) : "IOCTL");
        });
    }

    static void upDownDelays(ParseState st, LogicalLine line) {
        st.readValueBlock(line, w -> {
            if (!st.options().interfaces().exists(w.get(0))) {
                st.report(ConfigError.FATAL, "unknown interface " + w.get(0) + " specified for up/down delay");
                return;
            }
            if (w.size() < 2) {
                return;
            }
            Long down = Numbers.readTimer(st, w.get(1), 0, 255 * Numbers.TIMER_HZ);
            Long up = w.size() > 2 ? Numbers.readTimer(st, w.get(2), 0, 255 * Numbers.TIMER_HZ) : Long.valueOf(0);
            if (down != null && up != null) {
                st.drafts().upDownDelays.put(w.get(0), List.of(down, up));
            }
        });
    }
}
