package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;
import java.util.Locale;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.CheckerDraft;
import org.jkeepalived.config.parse.Drafts.RsDraft;
import org.jkeepalived.config.parse.Drafts.VsDraft;

/** FILE_CHECK and BFD_CHECK keywords (keepalived's check_file.c and check_bfd.c). */
final class CheckerBlockHandlers {
    private static final long WEIGHT_LIMIT = 2147483647L;

    private CheckerBlockHandlers() {
    }

    private static CheckerDraft checker(ParseState st) {
        return (CheckerDraft) st.target;
    }

    /** keepalived's FMT_RS: the real server as [ADDR]:proto:PORT. */
    private static String realServer(ParseState st) {
        List<VsDraft> all = st.drafts().virtualServers;
        VsDraft vs = all.get(all.size() - 1);
        RsDraft rs = vs.realServers.get(vs.realServers.size() - 1);
        String proto = vs.protocol == null ? "none" : vs.protocol.toLowerCase(Locale.ROOT);
        return "[" + rs.address + "]:" + proto + ":" + rs.port;
    }

    static void fileTrackFile(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        if (!st.drafts().trackFiles.containsKey(name)) {
            st.report(GENERAL_ERROR, "track_file " + name + " not found");
            return;
        }
        Handlers.record(st, line);
    }

    static void fileWeight(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        if (t.size() < 2) {
            st.report(GENERAL_ERROR, "track file weight missing");
            return;
        }
        if (Numbers.readInt(st, t.get(1), -WEIGHT_LIMIT, WEIGHT_LIMIT) == null) {
            st.report(GENERAL_ERROR, "weight for track file must be in [" + -WEIGHT_LIMIT + ".." + WEIGHT_LIMIT
                    + "] inclusive. Ignoring...");
            return;
        }
        if (t.size() >= 3 && !t.get(2).equals("reverse") && !t.get(2).equals("noreverse")) {
            st.report(GENERAL_ERROR, "unknown track file weight option " + t.get(2) + " - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    static void bfdName(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        CheckerDraft c = checker(st);
        if (t.size() != 2) {
            st.report(GENERAL_ERROR, "(" + realServer(st) + ") BFD_CHECK - No or too many names specified - skipping checker");
            c.dropped = true;
        } else if (!st.drafts().bfds.containsKey(t.get(1))) {
            st.report(GENERAL_ERROR, "(" + realServer(st) + ") BFD_CHECK - BFD " + t.get(1) + " not configured");
            c.dropped = true;
        } else if (c.settings.containsKey("name")) {
            st.report(GENERAL_ERROR, "(" + realServer(st) + ") BFD_CHECK - BFD " + t.get(1) + " already specified as "
                    + c.settings.get("name").get(0));
        } else {
            Handlers.record(st, line);
        }
    }

    static void bfdAlpha(ParseState st, LogicalLine line) {
        if (Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "Invalid alpha parameter " + line.tokens().get(1) : null) != null) {
            Handlers.record(st, line);
        }
    }

    /** The BFD_CHECK end message names the real server. */
    static String bfdMissingName(ParseState st) {
        return "(" + realServer(st) + ") No name has been specified for BFD_CHECKER - skipping";
    }

    private static final java.util.Set<String> DNS_TYPES = java.util.Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT",
            "AAAA", "RRSIG", "DNSKEY");

    /** UDP_CHECK, DNS_CHECK and MISC_CHECK keywords; false when the value was rejected. */
    static boolean specific(ParseState st, LogicalLine line) {
        String kw = line.tokens().get(0);
        CheckerDraft c = checker(st);
        switch (kw) {
            case "min_reply_length", "max_reply_length" -> {
                if (Numbers.readUnsigned(st, st.arg(line, 1), 0, 65535) == null) {
                    st.report(GENERAL_ERROR, "UDP_CHECK " + (kw.startsWith("min") ? "min" : "max") + " length "
                            + line.tokens().get(1) + " not valid - must be between 0 & 65535");
                    return false;
                }
            }
            case "type" -> {
                if (!DNS_TYPES.contains(st.arg(line, 1).toUpperCase(Locale.ROOT))) {
                    st.report(GENERAL_ERROR, "Unknown DNS check type " + line.tokens().get(1) + " - ignoring");
                    return false;
                }
            }
            case "misc_timeout" -> {
                if (Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294) == null) {
                    st.report(GENERAL_ERROR, "Invalid misc_timeout value '" + line.tokens().get(1) + "'");
                    return false;
                }
            }
            case "user" -> {
                String script = Scripts.quoted(c.script);
                if (line.tokens().size() < 2) {
                    st.report(GENERAL_ERROR, "No user specified for misc checker script " + script);
                    return false;
                }
                String group = line.tokens().size() > 2 ? line.tokens().get(2) : null;
                if (st.options().scripts().uid(line.tokens().get(1)).isEmpty()
                        || (group != null && st.options().scripts().gid(group).isEmpty())) {
                    st.report(GENERAL_ERROR, "Failed to set uid/gid for misc checker script " + script + " - removing");
                    c.dropped = true;
                    return false;
                }
            }
            default -> {
                return true;
            }
        }
        return true;
    }
}
