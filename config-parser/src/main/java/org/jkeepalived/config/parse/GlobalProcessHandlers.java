package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.NotifyScript;

/**
 * {@code global_defs} keywords about keepalived's processes (names, scheduling, start-up and
 * shutdown scripts, IPVS timeouts), checked with keepalived's wording and kept raw in the model.
 */
final class GlobalProcessHandlers {
    /** Linux TASK_COMM_LEN: process names are truncated to 15 characters. */
    private static final int TASK_COMM_LEN = 16;
    /** sched_get_priority_max(SCHED_RR) on Linux. */
    private static final int RR_MAX = 99;

    private GlobalProcessHandlers() {
    }

    private static String process(LogicalLine line) {
        String kw = line.tokens().get(0);
        return kw.substring(0, kw.indexOf('_'));
    }

    static void processName(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "Process name missing");
            return;
        }
        String name = line.tokens().get(1);
        if (name.length() >= TASK_COMM_LEN) {
            st.report(GENERAL_ERROR, "Process name " + name + " more than " + (TASK_COMM_LEN - 1)
                    + " characters, truncating");
        }
        Handlers.record(st, line);
    }

    static void script(ParseState st, LogicalLine line) {
        String type = line.tokens().get(0).startsWith("startup") ? "startup" : "shutdown";
        Drafts.GlobalDraft g = st.drafts().global;
        if (g.settings.containsKey(line.tokens().get(0))) {
            st.report(GENERAL_ERROR, type + " script already specified");
            return;
        }
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, type + " script missing");
            return;
        }
        NotifyScript s = Scripts.forNotify(st, line);
        if (s == null) {
            st.report(GENERAL_ERROR, "Invalid " + type + " script");
            return;
        }
        g.startStopScripts.add(s);
        Handlers.record(st, line);
    }

    static void scriptTimeout(ParseState st, LogicalLine line) {
        String type = line.tokens().get(0).startsWith("startup") ? "startup" : "shutdown";
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, type + "_script_timeout requires value");
            return;
        }
        if (Numbers.readUnsigned(st, line.tokens().get(1), 1, 1000) == null) {
            st.report(GENERAL_ERROR, type + "_script_timeout '" + line.tokens().get(1) + "' must be in [1, 1000] - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    static void maxAutoPriority(ParseState st, LogicalLine line) {
        if (line.tokens().size() >= 2 && Numbers.readInt(st, line.tokens().get(1), -1, RR_MAX) == null) {
            st.report(GENERAL_ERROR, "max_auto_priority '" + line.tokens().get(1) + "' must be in [0, " + RR_MAX
                    + "] (or -1 to disable) - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    static void minAutoPriorityDelay(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "min_auto_priority_delay requires delay time");
            return;
        }
        if (Numbers.readInt(st, line.tokens().get(1), 1, 10000000) == null) {
            st.report(GENERAL_ERROR, "min_auto_priority_delay '" + line.tokens().get(1)
                    + "' must be in [1, 10000000] - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    static void priority(ParseState st, LogicalLine line) {
        String p = process(line);
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No " + p + " process priority specified");
            return;
        }
        if (Numbers.readInt(st, line.tokens().get(1), -20, 19) == null) {
            st.report(GENERAL_ERROR, "Invalid " + p + " process priority specified");
            return;
        }
        Handlers.record(st, line);
    }

    static void rtPriority(ParseState st, LogicalLine line) {
        String p = process(line);
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No " + p + " process real-time priority specified");
            return;
        }
        Long v = Numbers.readInt(st, line.tokens().get(1), Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (v == null) {
            st.report(GENERAL_ERROR, p + " process real-time priority '" + line.tokens().get(1) + "' invalid");
            return;
        }
        if (v < 1) {
            st.report(GENERAL_ERROR, p + " process real-time priority " + v + " less than minimum 1 - setting to minimum");
        } else if (v > RR_MAX) {
            st.report(GENERAL_ERROR, p + " process real-time priority " + v + " greater than maximum " + RR_MAX
                    + " - setting to maximum");
        }
        Handlers.record(st, line);
    }

    static void rlimit(ParseState st, LogicalLine line) {
        if (Numbers.readUnsigned(st, line.tokens().get(1), 1, 4294967295L) == null) {
            st.report(GENERAL_ERROR, "Invalid " + process(line) + " real-time limit - " + line.tokens().get(1));
            return;
        }
        Handlers.record(st, line);
    }

    static void cpuAffinity(ParseState st, LogicalLine line) {
        String p = process(line);
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No " + p + " cpu_id set specified");
            return;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        for (String w : Handlers.args(line)) {
            Long id = Numbers.readInt(st, w, 0, cpus - 1L);
            if (id == null) {
                st.report(GENERAL_ERROR, "Invalid cpu_id:" + leadingInt(w) + " specified for " + p + " process");
                return;
            }
        }
        Handlers.record(st, line);
    }

    private static long leadingInt(String w) {
        int i = 0;
        while (i < w.length() && (Character.isDigit(w.charAt(i)) || (i == 0 && w.charAt(i) == '-'))) {
            i++;
        }
        try {
            return i == 0 ? 0 : Long.parseLong(w.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void lvsTimeouts(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        if (t.size() < 3) {
            st.report(GENERAL_ERROR, "lvs_timeouts requires at least one option");
            return;
        }
        for (int i = 1; i < t.size(); i++) {
            String opt = t.get(i);
            if (!opt.equals("tcp") && !opt.equals("tcpfin") && !opt.equals("udp")) {
                st.report(GENERAL_ERROR, "Unknown option " + opt + " specified for lvs_timeouts");
                continue;
            }
            if (i + 1 >= t.size()) {
                st.report(GENERAL_ERROR, "No value specified for lvs_timeout " + opt + " - ignoring");
                continue;
            }
            i++;
            if (Numbers.readUnsigned(st, t.get(i), 0, 86400 * 31) == null) {
                st.report(GENERAL_ERROR, "Invalid lvs_timeout " + opt + " (" + t.get(i) + ") - ignoring");
            }
        }
        Handlers.record(st, line);
    }

    static void lvsSyncDaemon(ParseState st, LogicalLine line) {
        Drafts.GlobalDraft g = st.drafts().global;
        List<String> prev = g.settings.get("lvs_sync_daemon");
        if (prev != null) {
            st.report(GENERAL_ERROR, "lvs_sync_daemon has already been specified as " + prev.get(0) + " "
                    + (prev.size() > 1 ? prev.get(1) : "") + " - ignoring");
            return;
        }
        List<String> t = line.tokens();
        if (t.size() < 2) {
            st.report(GENERAL_ERROR, "lvs_sync_daemon requires interface");
            return;
        }
        if (t.get(1).length() >= TASK_COMM_LEN) {
            st.report(GENERAL_ERROR, "lvs_sync_daemon interface name '" + t.get(1) + "' too long - ignoring");
            return;
        }
        String instance = null;
        for (int i = 2; i < t.size(); i++) {
            String opt = t.get(i);
            boolean last = i == t.size() - 1;
            switch (opt) {
                case "inst" -> {
                    instance = i + 1 < t.size() ? t.get(i + 1) : null;
                    i++;
                }
                case "id" -> syncOption(st, t, i, 0, 255, "No value specified for lvs_sync_daemon id, defaulting to vrid",
                        "Invalid syncid (%s) - defaulting to vrid");
                case "maxlen" -> syncOption(st, t, i, 1, 65535 - 28, "No value specified for lvs_sync_daemon maxlen - ignoring",
                        "Invalid lvs_sync_daemon maxlen (%s) - ignoring");
                case "port" -> syncOption(st, t, i, 1, 65535, "No value specified for lvs_sync_daemon port - ignoring",
                        "Invalid lvs_sync_daemon port (%s) - ignoring");
                case "ttl" -> syncOption(st, t, i, 1, 255, "No value specified for lvs_sync_daemon ttl - ignoring",
                        "Invalid lvs_sync_daemon ttl (%s) - ignoring");
                case "group" -> syncGroupAddress(st, t, i);
                default -> {
                    if (i == 2) {
                        instance = opt;
                    } else if (i == 3) {
                        if (Numbers.readUnsigned(st, opt, 0, 255) == null) {
                            st.report(GENERAL_ERROR, "Invalid syncid (" + opt + ") - defaulting to vrid");
                        } else {
                            st.report(GENERAL_ERROR, "Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                        }
                    } else {
                        st.report(GENERAL_ERROR, "Unknown option " + opt + " specified for lvs_sync_daemon");
                    }
                    continue;
                }
            }
            if (!opt.equals("inst") && !last) {
                i++;
            }
        }
        g.record("lvs_sync_daemon", instance == null ? List.of(t.get(1)) : List.of(t.get(1), instance));
    }

    private static void syncOption(ParseState st, List<String> t, int i, long min, long max, String missing,
                                   String invalid) {
        if (i == t.size() - 1) {
            st.report(GENERAL_ERROR, missing);
            return;
        }
        if (Numbers.readUnsigned(st, t.get(i + 1), min, max) == null) {
            st.report(GENERAL_ERROR, String.format(invalid, t.get(i + 1)));
        }
    }

    private static void syncGroupAddress(ParseState st, List<String> t, int i) {
        if (i == t.size() - 1) {
            st.report(GENERAL_ERROR, "No value specified for lvs_sync_daemon group - ignoring");
            return;
        }
        String a = t.get(i + 1);
        if (!Addresses.isIpAddress(a)) {
            st.report(GENERAL_ERROR, "Invalid lvs_sync_daemon group (" + a + ") - ignoring");
        } else if (!Addresses.isMulticast(a)) {
            st.report(GENERAL_ERROR, "lvs_sync_daemon group address " + a + " is not multicast - ignoring");
        }
    }

    static void startupDelay(ParseState st, LogicalLine line) {
        if (Numbers.readDecimal(st, st.arg(line, 1), 1000, 4294967295L, 6, true) == null) {
            st.report(GENERAL_ERROR, "vrrp_startup_delay '" + line.tokens().get(1) + "' is invalid");
            return;
        }
        Handlers.record(st, line);
    }

    static void checkerLogAllFailures(ParseState st, LogicalLine line) {
        if (Handlers.optionalBool(st, line, "Invalid value for checker_log_all_failures specified") != null) {
            Handlers.record(st, line);
        }
    }

    /** {@code X [BOOL]} global flags whose bad value keepalived reports as "for global X". */
    static void globalFlag(ParseState st, LogicalLine line) {
        String kw = line.tokens().get(0);
        if (Handlers.optionalBool(st, line, line.tokens().size() > 1 ? "Invalid value '" + line.tokens().get(1)
                + "' for global " + kw + " specified" : null) != null) {
            Handlers.record(st, line);
        }
    }

    /** {@code *_rcv_bufs BYTES}. */
    static void rcvBufs(ParseState st, LogicalLine line) {
        String kw = line.tokens().get(0);
        String type = kw.substring(0, kw.length() - "_rcv_bufs".length());
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, type + "_rcv_bufs size missing");
            return;
        }
        if (Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294967295L) == null) {
            st.report(GENERAL_ERROR, type + "_rcv_bufs size (" + line.tokens().get(1) + ") invalid");
            return;
        }
        Handlers.record(st, line);
    }
}
