package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;
import static org.jkeepalived.config.ConfigError.INVALID_NUMBER;

import java.util.List;
import java.util.Map;

import org.jkeepalived.config.lex.LogicalLine;

/** Rarely used global settings checked with keepalived's wording (global_parser.c) and kept raw. */
final class GlobalMiscHandlers {
    private static final Map<String, Integer> UMASK_BITS = Map.of("IRUSR", 0400, "IWUSR", 0200, "IXUSR", 0100,
            "IRGRP", 040, "IWGRP", 020, "IXGRP", 010, "IROTH", 04, "IWOTH", 02, "IXOTH", 01);

    private GlobalMiscHandlers() {
    }

    static void nftablesPriority(ParseState st, LogicalLine line) {
        String kw = line.tokens().get(0);
        String v = st.arg(line, 1);
        boolean ok = kw.equals("nftables_ipvs_start_fwmark")
                ? Numbers.readUnsigned(st, v, 1, 4294967295L) != null
                : Numbers.readInt(st, v, Integer.MIN_VALUE, Integer.MAX_VALUE) != null;
        if (!ok) {
            String what = switch (kw) {
                case "nftables_priority" -> "nftables chain priority";
                case "nftables_ipvs_priority" -> "ipvs nftables chain priority";
                default -> "ipvs nftables start_fwmark priority";
            };
            st.report(INVALID_NUMBER, "invalid " + what + " '" + v + "'");
            return;
        }
        Handlers.record(st, line);
    }

    static void lvsFlushOnStop(ParseState st, LogicalLine line) {
        if (line.tokens().size() > 1 && !line.tokens().get(1).equals("VS")) {
            st.report(GENERAL_ERROR, "Unknown lvs_flush_on_stop type " + line.tokens().get(1));
            return;
        }
        Handlers.record(st, line);
    }

    static void rxBufsPolicy(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        if (t.size() < 2) {
            st.report(GENERAL_ERROR, "vrrp_rx_bufs_policy missing");
            return;
        }
        boolean mtu = false;
        boolean advert = false;
        boolean size = false;
        for (int i = 1; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equalsIgnoreCase("MTU")) {
                mtu = true;
            } else if (w.equalsIgnoreCase("ADVERT")) {
                advert = true;
            } else if (Numbers.readUnsigned(st, t.get(1), 0, 4294967295L) == null) {
                st.report(GENERAL_ERROR, "Invalid vrrp_rx_bufs_policy " + w);
            } else {
                size = true;
            }
        }
        if (size && (mtu || advert)) {
            st.report(GENERAL_ERROR, "Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy");
        } else if (mtu && advert) {
            st.report(GENERAL_ERROR, "Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT");
        }
        Handlers.record(st, line);
    }

    static void rxBufsMultiplier(ParseState st, LogicalLine line) {
        if (line.tokens().size() != 2) {
            st.report(GENERAL_ERROR, "Invalid vrrp_rx_bufs_multiplier");
            return;
        }
        if (Numbers.readUnsigned(st, line.tokens().get(1), 1, 4294967295L) == null) {
            st.report(GENERAL_ERROR, "Invalid vrrp_rx_bufs_multiplier " + line.tokens().get(1));
            return;
        }
        Handlers.record(st, line);
    }

    static void umask(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        String mask = st.arg(line, 1);
        if (Character.isDigit(mask.charAt(0))) {
            if (t.size() != 2) {
                st.report(GENERAL_ERROR, (t.size() == 1 ? "Missing" : "Extra") + " parameter(s) to umask option");
                return;
            }
            Long v = strtol0(mask);
            if (v == null || v < 0 || (v & ~0777L) != 0) {
                st.report(GENERAL_ERROR, "invalid umask value " + mask);
                return;
            }
        } else if (!symbolicUmask(st, t)) {
            return;
        }
        Handlers.record(st, line);
    }

    private static boolean symbolicUmask(ParseState st, List<String> t) {
        boolean needOr = false;
        for (int i = 1; i < t.size(); i++) {
            String w = t.get(i);
            int p = 0;
            while (p < w.length()) {
                if (needOr) {
                    if (w.charAt(p) != '|') {
                        st.report(GENERAL_ERROR, "Invalid umask syntax " + w);
                        return false;
                    }
                    needOr = false;
                    p++;
                    continue;
                }
                String bit = w.length() >= p + 5 ? w.substring(p, p + 5) : "";
                if (!UMASK_BITS.containsKey(bit)) {
                    st.report(GENERAL_ERROR, "Unknown umask bit " + w.substring(p));
                    return false;
                }
                p += 5;
                needOr = true;
            }
        }
        if (!needOr) {
            st.report(GENERAL_ERROR, "umask missing bit value");
            return false;
        }
        return true;
    }

    /** strtol(s, &end, 0) of a whole string: decimal, 0x hex or 0 octal; null if junk follows. */
    private static Long strtol0(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void childWaitTime(ParseState st, LogicalLine line) {
        if (Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294967295L) == null) {
            st.report(GENERAL_ERROR, "Invalid child_wait_time " + line.tokens().get(1));
            return;
        }
        Handlers.record(st, line);
    }

    static void dataUseInstance(ParseState st, LogicalLine line) {
        if (Handlers.optionalBool(st, line, line.tokens().size() > 1 ? "Invalid value '" + line.tokens().get(1)
                + "' for global date_use_instance specified" : null) != null) {
            Handlers.record(st, line);
        }
    }
}
