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
        } else if (!st.drafts().bfds.containsKey(t.get(1))) {
            st.report(GENERAL_ERROR, "(" + realServer(st) + ") BFD_CHECK - BFD " + t.get(1) + " not configured");
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
}
