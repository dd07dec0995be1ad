package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.BfdDraft;

/**
 * Handlers of {@code bfd_instance} (keepalived's bfd_parser.c). The three processes that read it
 * do different things: the BFD pass validates the session parameters, the VRRP pass only records
 * the name and the track weight ({@code vrrp_track_bfd}), the checker pass only the name.
 */
final class BfdHandlers {
    private static final int NAME_MAX = 32;
    private static final long MS_MAX = 4294967295L / 1000;

    private BfdHandlers() {
    }

    static void instance(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        if (st.pass() == Pass.VRRP && name.length() >= NAME_MAX) {
            st.report(GENERAL_ERROR, "BFD name " + name + " too long");
            st.skipBlock(true);
            return;
        }
        if (st.pass() == Pass.BFD && name.length() >= NAME_MAX) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + name
                    + " name too long (maximum length is 31 characters) - ignoring");
            st.skipBlock(true);
            return;
        }
        if (st.drafts().bfds.containsKey(name)) {
            if (st.pass() == Pass.BFD) {
                st.report(GENERAL_ERROR, "Configuration error: BFD instance " + name + " already configured - ignoring");
            } else if (st.pass() != Pass.BFD) {
                st.report(GENERAL_ERROR, "BFD " + name + " already specified");
            }
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
        Handlers.record(st, line);
        if (kw.equals("weight")) {
            if (st.pass() == Pass.VRRP) {
                weight(st, d, line);
            }
            return;
        }
        if (st.pass() != Pass.BFD || kw.equals("vrrp") || kw.equals("checker")) {
            return;
        }
        String v = line.tokens().size() > 1 ? line.tokens().get(1) : null;
        switch (kw) {
            case "neighbor_ip", "neighbour_ip" -> address(st, d, v, true);
            case "source_ip" -> address(st, d, v, false);
            case "min_rx" -> d.minRx = interval(st, d, "min_rx", v, 1, d.minRx);
            case "min_tx" -> d.minTx = interval(st, d, "min_tx", v, 1, d.minTx);
            case "idle_tx" -> d.idleTx = interval(st, d, "idle_tx", v, 1000, d.idleTx);
            case "multiplier" -> {
                Long m = Numbers.readUnsigned(st, v, 1, 255);
                if (m == null) {
                    st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " multiplier value " + v
                            + " not valid (must be in range [1-255]), ignoring");
                } else {
                    d.multiplier = m.intValue();
                }
            }
            case "passive" -> d.passive = true;
            case "ttl", "hoplimit" -> {
                Long t = Numbers.readUnsigned(st, v, 1, 255);
                if (t == null) {
                    st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " ttl/hoplimit value " + v
                            + " not valid (must be in range [1-255]), ignoring");
                } else {
                    d.ttl = t.intValue();
                }
            }
            case "max_hops" -> {
                Long h = Numbers.readInt(st, v, -1, 255);
                if (h == null) {
                    st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " max_hops value " + v
                            + " not valid (must be in range [-1-255]), ignoring");
                } else {
                    d.maxHops = h.intValue();
                }
            }
            case "multihop" -> d.multihop = v == null || Numbers.trueFalse(v) == 1;
            default -> {
                // recorded above
            }
        }
    }

    private static void weight(ParseState st, BfdDraft d, LogicalLine line) {
        Long w = Numbers.readInt(st, line.tokens().get(1), -253, 253);
        if (w == null) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " weight value "
                    + line.tokens().get(1) + " not valid (must be in range [-253-253]), ignoring");
        } else {
            d.weight = w.intValue();
        }
        if (line.tokens().size() >= 3) {
            if (line.tokens().get(2).equals("reverse")) {
                d.reverse = true;
            } else {
                st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " unknown weight option "
                        + line.tokens().get(2));
            }
        }
    }

    private static void address(ParseState st, BfdDraft d, String v, boolean neighbor) {
        if (v == null || !Addresses.isIpAddress(v)) {
            st.report(GENERAL_ERROR, neighbor
                    ? "Configuration error: BFD instance " + d.name + " has malformed neighbor address " + v + ", ignoring instance"
                    : "Configuration error: BFD instance " + d.name + " has malformed source address " + v + ", ignoring");
            return;
        }
        if (neighbor) {
            d.neighbor = v;
        } else {
            d.source = v;
        }
    }

    /** A BFD interval in milliseconds (3 decimals) returned in microseconds. */
    private static long interval(ParseState st, BfdDraft d, String kw, String v, long minMs, long fallback) {
        Long r = v == null ? null : Numbers.readDecimal(st, v, minMs * 1000, MS_MAX * 1000, 3, false);
        if (r == null) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " " + kw + " value " + v
                    + " is not valid (must be in range [" + minMs + "-" + MS_MAX + "]), ignoring");
            return fallback;
        }
        return r;
    }

    static void end(ParseState st, LogicalLine line) {
        BfdDraft d = (BfdDraft) st.target;
        if (st.pass() != Pass.BFD) {
            return;
        }
        if (d.neighbor == null) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name
                    + " has no neighbor address set, disabling instance");
            st.drafts().bfds.remove(d.name);
            return;
        }
        if (d.source != null && d.source.indexOf(':') >= 0 != d.neighbor.indexOf(':') >= 0) {
            st.report(GENERAL_ERROR, "Configuration error: BFD instance " + d.name + " source address " + d.source
                    + " and neighbor address " + d.neighbor + " are not of the same family, disabling instance");
            st.drafts().bfds.remove(d.name);
            return;
        }
        if (d.maxHops > d.ttl) {
            st.report(GENERAL_ERROR, "BFD instance " + d.name + ": max_hops exceeds ttl/hoplimit - setting to ttl/hoplimit");
            d.maxHops = d.ttl;
        }
    }
}
