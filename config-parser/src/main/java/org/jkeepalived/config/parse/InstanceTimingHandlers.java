package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;

/** Per-instance GARP and timer keywords ({@code garp_*}, {@code down_timer_adverts}). */
final class InstanceTimingHandlers {
    private InstanceTimingHandlers() {
    }

    private static InstanceDraft vi(ParseState st) {
        return st.drafts().lastInstance();
    }

    private static Long unsigned(ParseState st, LogicalLine line, long max, String errorFormat) {
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 0, max);
        if (v == null) {
            st.report(GENERAL_ERROR, String.format(errorFormat, vi(st).name, line.tokens().get(1)));
        }
        return v;
    }

    static void garpMasterDelay(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, 4294, "(%s): garp_master_delay '%s' invalid - ignoring");
        if (v != null) {
            vi(st).garpDelay = v.intValue();
        }
    }

    static void garpMasterRefresh(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, 4294967295L, "(%s): Invalid garp_master_refresh '%s' - ignoring");
        vi(st).garpRefresh = v == null ? 0 : (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpMasterRepeat(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, 4294967295L, "(%s): garp_master_repeat '%s' invalid - ignoring");
        if (v == null) {
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "(" + vi(st).name + "): garp_master_repeat must be greater than 0, setting to 1");
            v = 1L;
        }
        vi(st).garpRepeat = (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpMasterRefreshRepeat(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, 4294967295L, "(%s): garp_master_refresh_repeat '%s' invalid - ignoring");
        if (v == null) {
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "(" + vi(st).name + "): garp_master_refresh_repeat must be greater than 0, setting to 1");
            v = 1L;
        }
        vi(st).garpRefreshRepeat = (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpLowerPrioDelay(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, 4294, "(%s): garp_lower_prio_delay '%s' invalid - ignoring");
        if (v != null) {
            vi(st).garpLowerPrioDelay = v.intValue();
        }
    }

    static void garpLowerPrioRepeat(ParseState st, LogicalLine line) {
        Long v = unsigned(st, line, Integer.MAX_VALUE, "(%s): Invalid garp_lower_prio_repeat '%s'");
        if (v != null) {
            vi(st).garpLowerPrioRepeat = v.intValue();
        }
    }

    static void downTimerAdverts(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, 100);
        if (v == null) {
            st.report(GENERAL_ERROR, "(" + vi(st).name + "): Invalid down_timer_adverts [1:100] '" + line.tokens().get(1) + "'");
            return;
        }
        vi(st).downTimerAdverts = v.intValue();
    }

    /** {@code garp_extra_if [all] SECS} (and its deprecated spelling {@code vmac_garp_intvl}). */
    static void garpExtraIf(ParseState st, LogicalLine line) {
        String cmd = line.tokens().get(0);
        if (cmd.equals("vmac_garp_intvl")) {
            st.report(org.jkeepalived.config.ConfigError.DEPRECATED,
                    "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");
        }
        Long delay = null;
        for (int i = 1; i < line.tokens().size(); i++) {
            String w = line.tokens().get(i);
            if (w.equals("all")) {
                continue;
            }
            delay = Numbers.readUnsigned(st, w, 0, 86400);
            if (delay == null) {
                st.report(GENERAL_ERROR, "(" + vi(st).name + "): " + cmd + " '" + w + "' invalid - ignoring");
                return;
            }
        }
        if (delay == null) {
            st.report(GENERAL_ERROR, "(" + vi(st).name + "): " + cmd + " specified without time - ignoring");
            return;
        }
        Handlers.record(st, line);
    }
}
