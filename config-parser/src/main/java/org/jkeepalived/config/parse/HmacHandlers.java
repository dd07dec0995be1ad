package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.Set;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;

/**
 * {@code auth_hmac} (keepalived 2.4.0+, not in 2.2.7): accepted and kept in the model; see
 * docs/compatibility.md.
 */
final class HmacHandlers {
    private HmacHandlers() {
    }

    private static InstanceDraft vi(ParseState st) {
        return st.drafts().lastInstance();
    }

    static void block(ParseState st, LogicalLine line) {
        vi(st).hmac = true;
    }

    static void key(ParseState st, LogicalLine line) {
        Long id = Numbers.readUnsigned(st, line.tokens().get(1), 1, 255);
        if (id == null || line.tokens().size() < 3) {
            st.report(GENERAL_ERROR, "(" + vi(st).name + ") invalid auth_hmac key - ignoring");
            return;
        }
        vi(st).hmacKeys.put(id.intValue(), line.tokens().get(2));
    }

    static void activeKey(ParseState st, LogicalLine line) {
        Long id = Numbers.readUnsigned(st, line.tokens().get(1), 1, 255);
        if (id != null) {
            vi(st).hmacActiveKey = id.intValue();
        }
    }

    static void timeWindow(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 1, 300);
        if (v != null) {
            vi(st).hmacTimeWindow = v.intValue();
        }
    }

    static void antiReplay(ParseState st, LogicalLine line) {
        String v = line.tokens().get(1);
        if (Set.of("time", "monotonic").contains(v)) {
            vi(st).hmacAntiReplay = v;
        } else {
            st.report(GENERAL_ERROR, "(" + vi(st).name + ") unknown auth_hmac anti_replay '" + v + "'");
        }
    }

    static void mode(ParseState st, LogicalLine line) {
        String v = line.tokens().get(1);
        if (Set.of("enforce", "permissive", "receive-only").contains(v)) {
            vi(st).hmacMode = v;
        } else {
            st.report(GENERAL_ERROR, "(" + vi(st).name + ") unknown auth_hmac mode '" + v + "'");
        }
    }
}
