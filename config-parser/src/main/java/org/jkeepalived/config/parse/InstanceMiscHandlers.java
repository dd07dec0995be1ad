package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;

/** Less common {@code vrrp_instance} keywords, checked with keepalived's wording and kept raw. */
final class InstanceMiscHandlers {
    private InstanceMiscHandlers() {
    }

    private static InstanceDraft vi(ParseState st) {
        return st.drafts().lastInstance();
    }

    private static boolean bool(ParseState st, LogicalLine line, String message) {
        return Handlers.optionalBool(st, line, line.tokens().size() > 1 ? message : null) != null;
    }

    static void skipCheckAdvAddr(ParseState st, LogicalLine line) {
        if (bool(st, line, "(" + vi(st).name + ") invalid skip_check_adv_addr " + arg(line) + " specified")) {
            Handlers.record(st, line);
        }
    }

    static void notifyPriorityChanges(ParseState st, LogicalLine line) {
        if (bool(st, line, "(" + vi(st).name + ") Invalid value '" + arg(line) + "' for notify_priority_changes specified")) {
            Handlers.record(st, line);
        }
    }

    static void nativeIpv6(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        if ("IPV4".equals(d.family)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Cannot specify native_ipv6 with IPv4 addresses");
            return;
        }
        d.family = "IPV6";
        Handlers.record(st, line);
    }

    static void kernelRxBufSize(ParseState st, LogicalLine line) {
        if (line.tokens().size() == 2 && Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294967295L) != null) {
            Handlers.record(st, line);
            return;
        }
        st.report(GENERAL_ERROR, "(" + vi(st).name + ") invalid kernel_rx_buf_size specified");
    }

    static void linkbeatUsePolling(ParseState st, LogicalLine line) {
        st.report(GENERAL_ERROR, "(" + vi(st).name + ") 'linkbeat_use_polling' in vrrp instance deprecated - use"
                + " linkbeat_interfaces block");
        Handlers.record(st, line);
    }

    static void vrf(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        String name = st.arg(line, 1);
        if (name.length() >= 16) {
            st.report(GENERAL_ERROR, "(" + d.name + ") VRF interface name '" + name + "' too long - ignoring");
        } else if (d.interfaceName != null || d.interfaceMissing) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Cannot specify VRF interface and interface - ignoring");
        } else if (!st.options().interfaces().exists(name)) {
            st.report(GENERAL_ERROR, "(" + d.name + ") WARNING - VRF interface " + name + " doesn't exist");
        } else {
            Handlers.record(st, line);
        }
    }

    static void oldUnicastChecksum(ParseState st, LogicalLine line) {
        InstanceDraft d = vi(st);
        d.unicastConfigured = true;
        if (line.tokens().size() > 1 && !line.tokens().get(1).equals("never")) {
            st.report(GENERAL_ERROR, "(" + d.name + ") Unknown old_unicast_chksum mode " + line.tokens().get(1) + " - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    private static String arg(LogicalLine line) {
        return line.tokens().size() > 1 ? line.tokens().get(1) : "";
    }
}
