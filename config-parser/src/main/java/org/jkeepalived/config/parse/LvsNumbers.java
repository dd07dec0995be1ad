package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.Map;

import org.jkeepalived.config.lex.LogicalLine;

/**
 * The numeric keywords of virtual servers, real servers and checkers: which reader keepalived uses,
 * its range, and the message it adds when the value is rejected (check_parser.c, check_api.c).
 */
final class LvsNumbers {
    private static final long UINT_MAX = 4294967295L;
    private static final long WEIGHT_MAX = 2147483647L;

    /** A numeric keyword: a timer (seconds, µs resolution) or an unsigned integer. */
    record Spec(boolean timer, long min, long max, String message) {
    }

    private static Spec timer(long min, long max, String message) {
        return new Spec(true, min, max, message);
    }

    private static Spec unsigned(long min, long max, String message) {
        return new Spec(false, min, max, message);
    }

    static final Map<String, Spec> VIRTUAL_SERVER = Map.of(
            "connect_timeout", timer(1, UINT_MAX, "virtual server connect_timeout %s invalid - ignoring"),
            "delay_loop", timer(1, 0, "virtual server delay loop '%s' invalid - ignoring"),
            "delay_before_retry", timer(0, 0, "virtual server delay before retry '%s' invalid - ignoring"),
            "retry", unsigned(1, UINT_MAX, "retry value invalid - %s"),
            "warmup", timer(0, 0, "virtual server warmup '%s' invalid - ignoring"),
            "quorum", unsigned(1, UINT_MAX, "Quorum %s must be in [1, 4294967295]. Setting to 1."),
            "hysteresis", unsigned(0, UINT_MAX, "Hysteresis %s must be in [0, 4294967295] - ignoring"),
            "weight", unsigned(1, WEIGHT_MAX, "Virtual server weight %s is outside range 1-2147483647"));

    static final Map<String, Spec> REAL_SERVER = Map.of(
            "weight", unsigned(0, WEIGHT_MAX, "Real server weight %s is outside range 0-2147483647"),
            "uthreshold", unsigned(0, UINT_MAX, "Invalid real_server uthreshold '%s' - ignoring"),
            "lthreshold", unsigned(0, UINT_MAX, "Invalid real_server lthreshold '%s' - ignoring"),
            "connect_timeout", timer(1, UINT_MAX, "real server connect_timeout %s invalid - ignoring"),
            "delay_loop", timer(1, 0, "real server delay_loop '%s' invalid - ignoring"),
            "delay_before_retry", timer(0, 0, "real server delay_before_retry '%s' invalid - ignoring"),
            "retry", unsigned(1, UINT_MAX, "retry value invalid - %s"),
            "warmup", timer(0, 0, "real server warmup '%s' invalid - ignoring"));

    static final Map<String, Spec> CHECKER = Map.of(
            "connect_port", unsigned(1, 65535, "Invalid checker connect_port '%s'"),
            "bind_port", unsigned(1, 65535, "Invalid checker bind_port '%s'"),
            "connect_timeout", timer(1, UINT_MAX, "connect_timeout %s invalid - ignoring"),
            "fwmark", unsigned(0, UINT_MAX, "Invalid fwmark connection value '%s'"),
            "retry", unsigned(0, UINT_MAX, "Invalid retry connection value '%s'"),
            "delay_before_retry", timer(0, 0, "Invalid delay_before_retry connection value '%s'"),
            "warmup", timer(0, 0, "Invalid warmup connection value '%s'"),
            "delay_loop", timer(1, 0, "delay_loop '%s' is invalid - ignoring"));

    private LvsNumbers() {
    }

    /**
     * Checks the keyword's value when it is numeric in {@code specs}; returns the value (µs for
     * timers), or null when rejected or not numeric.
     */
    static Long check(ParseState st, LogicalLine line, Map<String, Spec> specs) {
        Spec spec = specs.get(line.tokens().get(0));
        if (spec == null) {
            return null;
        }
        String v = st.arg(line, 1);
        Long r = spec.timer() ? Numbers.readTimer(st, v, spec.min(), spec.max())
                : Numbers.readUnsigned(st, v, spec.min(), spec.max());
        if (r == null) {
            st.report(GENERAL_ERROR, String.format(spec.message(), v));
        }
        return r;
    }

    /** lb_kind / lvs_method: NAT, DR or TUN (with TUN options). */
    static boolean forwardingMethod(ParseState st, LogicalLine line, String serverType) {
        String v = st.arg(line, 1);
        if (!v.equals("NAT") && !v.equals("DR") && !v.equals("TUN")) {
            st.report(GENERAL_ERROR, "PARSER : unknown [" + v + "] routing method for " + serverType + " server.");
            return false;
        }
        return true;
    }
}
