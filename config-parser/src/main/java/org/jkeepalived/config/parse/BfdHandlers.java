package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.BfdDraft;

/** Handlers of {@code bfd_instance} (keepalived's bfd_parser.c). */
final class BfdHandlers {
    private BfdHandlers() {
    }

    static void instance(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        if (name.length() >= 32) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + name + " name too long (maximum length is 31 characters) - ignoring");
            st.skipBlock(true);
            return;
        }
        if (st.drafts().bfds.containsKey(name)) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + name + " already configured - ignoring");
            st.skipBlock(true);
            return;
        }
        BfdDraft d = new BfdDraft(name);
        st.drafts().bfds.put(name, d);
        st.target = d;
    }

    static void setting(ParseState st, LogicalLine line) {
        BfdDraft d = (BfdDraft) st.target;
        String kw = line.tokens().get(0);
        String v = line.tokens().size() > 1 ? line.tokens().get(1) : null;
        switch (kw) {
            case "neighbor_ip", "neighbour_ip" -> d.neighbor = v;
            case "source_ip" -> d.source = v;
            case "min_rx" -> d.minRx = decimalOr(st, v, 1000, d.minRx);
            case "min_tx" -> d.minTx = decimalOr(st, v, 1000, d.minTx);
            case "idle_tx" -> d.idleTx = decimalOr(st, v, 1_000_000, d.idleTx);
            case "multiplier" -> d.multiplier = (int) intOr(st, v, 1, 255, d.multiplier);
            case "passive" -> d.passive = true;
            case "ttl", "hoplimit" -> d.ttl = (int) intOr(st, v, 1, 255, d.ttl);
            case "max_hops" -> d.maxHops = (int) intOr(st, v, -1, 255, d.maxHops);
            case "multihop" -> d.multihop = v == null || Numbers.trueFalse(v) == 1;
            case "weight" -> {
                d.weight = (int) intOr(st, v, -253, 253, d.weight);
                d.reverse = line.tokens().size() > 2 && line.tokens().get(2).equals("reverse");
            }
            default -> {
                // vrrp / checker: recorded below
            }
        }
        Handlers.record(st, line);
    }

    private static long decimalOr(ParseState st, String v, long min, long fallback) {
        if (v == null) {
            return fallback;
        }
        Long r = Numbers.readDecimal(st, v, min, 4294967295L, 3);
        return r == null ? fallback : r;
    }

    private static long intOr(ParseState st, String v, long min, long max, long fallback) {
        if (v == null) {
            return fallback;
        }
        Long r = Numbers.readInt(st, v, min, max);
        return r == null ? fallback : r;
    }

    static void end(ParseState st, LogicalLine line) {
        BfdDraft d = (BfdDraft) st.target;
        if (d.neighbor == null) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " has no neighbor_ip - removing");
            st.drafts().bfds.remove(d.name);
        }
    }
}
