package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;
import org.jkeepalived.config.parse.Drafts.SyncGroupDraft;

/**
 * The {@code track_*} value blocks of instances and sync groups (keepalived's vrrp_track.c):
 * {@code NAME [weight W [reverse|noreverse]]} lines, checked against the trackers defined so far.
 */
final class TrackHandlers {
    private TrackHandlers() {
    }

    /** The owner's name and lists: the current sync group when inside one, else the instance. */
    private record Owner(String name, List<TrackedItem> ifs, List<TrackedItem> scripts, List<TrackedItem> files,
                         List<TrackedItem> processes, List<TrackedItem> bfds) {
    }

    private static Owner owner(ParseState st) {
        if (st.target instanceof SyncGroupDraft g) {
            return new Owner(g.name, g.trackIfs, g.trackScripts, g.trackFiles, g.trackProcesses, g.trackBfds);
        }
        InstanceDraft d = st.drafts().lastInstance();
        return new Owner(d.name, d.trackIfs, d.trackScripts, d.trackFiles, d.trackProcesses, d.trackBfds);
    }

    static void trackInterface(ParseState st, LogicalLine line) {
        Owner o = owner(st);
        st.readValueBlock(line, w -> trackInterfaceLine(st, o, w));
    }

    private static void trackInterfaceLine(ParseState st, Owner o, List<String> w) {
        String name = w.get(0);
        if (!VrrpHandlers.interfaceUsable(st, name)) {
            st.report(GENERAL_ERROR, "(" + o.name() + ") tracked interface " + name + " doesn't exist");
            return;
        }
        if (o.ifs().stream().anyMatch(t -> t.name().equals(name))) {
            st.report(GENERAL_ERROR, "(" + o.name() + ") duplicate track_interface " + name + " - ignoring");
            return;
        }
        int weight = 0;
        boolean reverse = false;
        if (w.size() >= 2) {
            if (!w.get(1).equals("weight")) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") unknown track_interface " + name + " option " + w.get(1) + " - ignoring");
                return;
            }
            if (w.size() == 2) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") weight without value specified for track_interface " + name + " - ignoring");
                return;
            }
            Long v = Numbers.readInt(st, w.get(2), -254, 254);
            if (v == null) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") weight " + w.get(2) + " for " + name
                        + " must be between [-253..253] inclusive. Ignoring...");
                weight = 0;
            } else {
                weight = clamp254(st, o.name(), name, v.intValue());
            }
            if (w.size() >= 4) {
                if (w.get(3).equals("reverse")) {
                    reverse = true;
                } else {
                    st.report(GENERAL_ERROR, "(" + o.name() + ") unknown track_interace " + name + " weight option "
                            + w.get(3) + " - ignoring");
                }
            }
        }
        o.ifs().add(new TrackedItem(name, weight, reverse));
    }

    private static int clamp254(ParseState st, String owner, String name, int weight) {
        if (weight == 254 || weight == -254) {
            st.report(GENERAL_ERROR, "(" + owner + ") weight for " + name + " cannot be +/-254. Setting to +/-253");
            return weight > 0 ? 253 : -253;
        }
        return weight;
    }

    static void trackScript(ParseState st, LogicalLine line) {
        Owner o = owner(st);
        st.readValueBlock(line, w -> trackScriptLine(st, o, w));
    }

    private static void trackScriptLine(ParseState st, Owner o, List<String> w) {
        String name = w.get(0);
        Drafts.ScriptDraft script = st.drafts().scripts.get(name);
        if (script == null || script.removed) {
            st.report(GENERAL_ERROR, "(" + o.name() + ") track script " + name + " not found, ignoring...");
            return;
        }
        if (o.scripts().stream().anyMatch(t -> t.name().equals(name))) {
            st.report(GENERAL_ERROR, "(" + o.name() + ") duplicate track_script " + name + " - ignoring");
            return;
        }
        int weight = script.weight;
        boolean reverse = script.reverse;
        if (w.size() >= 2) {
            if (!w.get(1).equals("weight")) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") unknown track script option " + w.get(1) + " - ignoring");
                return;
            }
            if (w.size() == 2) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") weight without value specified for track script " + name + " - ignoring");
                return;
            }
            Long v = Numbers.readInt(st, w.get(2), -254, 254);
            if (v == null) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") track script " + name
                        + ": weight must be between [-253..253] inclusive, ignoring...");
            } else {
                weight = clamp254(st, o.name(), name, v.intValue());
            }
            if (w.size() >= 4) {
                reverse = reverseOption(st, o, name, w.get(3), reverse, "track_script");
            }
        }
        o.scripts().add(new TrackedItem(name, weight, reverse));
    }

    private static boolean reverseOption(ParseState st, Owner o, String name, String word, boolean current,
                                         String kind) {
        if (word.equals("reverse")) {
            return true;
        }
        if (word.equals("noreverse")) {
            return false;
        }
        st.report(GENERAL_ERROR, "(" + o.name() + ") unknown " + kind + " " + name + " weight option " + word + " - ignoring");
        return current;
    }

    static void trackFile(ParseState st, LogicalLine line) {
        Owner o = owner(st);
        st.readValueBlock(line, w -> {
            Drafts.TrackFileDraft f = st.drafts().trackFiles.get(w.get(0));
            if (f == null) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") track file " + w.get(0) + " not found, ignoring...");
                return;
            }
            o.files().add(weighted(st, o, w, f.weight, f.reverse, 254, "track_file"));
        });
    }

    static void trackProcess(ParseState st, LogicalLine line) {
        Owner o = owner(st);
        st.readValueBlock(line, w -> {
            Drafts.TrackProcessDraft p = st.drafts().trackProcesses.get(w.get(0));
            if (p == null) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") track process " + w.get(0) + " not found, ignoring...");
                return;
            }
            o.processes().add(weighted(st, o, w, p.weight, p.reverse, 254, "track_process"));
        });
    }

    static void trackBfd(ParseState st, LogicalLine line) {
        Owner o = owner(st);
        st.readValueBlock(line, w -> {
            Drafts.BfdDraft b = st.drafts().bfds.get(w.get(0));
            if (b == null) {
                st.report(GENERAL_ERROR, "(" + o.name() + ") track bfd " + w.get(0) + " not found, ignoring...");
                return;
            }
            o.bfds().add(weighted(st, o, w, b.weight, b.reverse, 253, "track_bfd"));
        });
    }

    private static TrackedItem weighted(ParseState st, Owner o, List<String> w, int weight, boolean reverse, int max,
                                        String kind) {
        if (w.size() >= 3 && w.get(1).equals("weight")) {
            Long v = Numbers.readInt(st, w.get(2), -max, max);
            if (v != null) {
                weight = v.intValue();
            }
            if (w.size() >= 4) {
                reverse = reverseOption(st, o, w.get(0), w.get(3), reverse, kind);
            }
        }
        return new TrackedItem(w.get(0), weight, reverse);
    }
}
