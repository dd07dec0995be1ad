package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;
import java.util.regex.Pattern;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.GlobalDraft;

/** Handlers of {@code global_defs} keywords that feed the model; wording as keepalived's global_parser.c. */
final class GlobalHandlers {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    private GlobalHandlers() {
    }

    private static GlobalDraft g(ParseState st) {
        return st.drafts().global;
    }

    /** Only keepalived's parent parses global_defs, so its lines are read in the parent's view. */
    static void globalDefs(ParseState st, LogicalLine line) {
        st.target = g(st);
        st.lexerControl().parentView(true);
    }

    static void globalDefsEnd(ParseState st, LogicalLine line) {
        st.lexerControl().parentView(false);
    }

    static void routerId(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "routerid name missing - ignoring");
            return;
        }
        g(st).routerId = String.join(" ", Handlers.args(line));
    }

    static void emailFrom(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "emailfrom missing - ignoring");
            return;
        }
        g(st).emailFrom = String.join(" ", Handlers.args(line));
    }

    static void smtpConnectTimeout(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294);
        if (v == null) {
            st.report(GENERAL_ERROR, "smtp_connect_timeout '" + line.tokens().get(1) + "' must be in [0, 4294] - ignoring");
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "smtp_conect_timeout must be greater than 0, setting to 1");
            v = 1L;
        }
        g(st).smtpConnectTimeout = v.intValue();
    }

    static void smtpServer(ParseState st, LogicalLine line) {
        String host = st.arg(line, 1);
        String port = line.tokens().size() >= 3 ? line.tokens().get(2) : "25";
        boolean ok = validPort(port) && (Addresses.isIpAddress(host) || isInetAton(host)
                || (HOST_NAME.matcher(host).matches() && st.options().interfaces().resolvable(host)));
        if (!ok) {
            st.report(GENERAL_ERROR, "Invalid smtp server " + host + " " + port);
            return;
        }
        g(st).smtpServer = host + (port.equals("25") ? "" : ":" + port);
    }

    /**
     * getaddrinfo also accepts inet_aton's numeric forms: one to four parts, each decimal, octal
     * (leading 0) or hex (0x); every part but the last is a byte, the last fills the remaining bytes
     * (so "127.1" is valid and "1.2.70000" is not).
     */
    static boolean isInetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            long value = atonPart(parts[i]);
            long max = i < parts.length - 1 ? 255 : (1L << (8 * (5 - parts.length))) - 1;
            if (value < 0 || value > max) {
                return false;
            }
        }
        return true;
    }

    /** One inet_aton part (strtoul with base 0), or -1 when it is not a number. */
    private static long atonPart(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 11) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return -1;
            }
        }
        return Long.parseLong(digits, radix);
    }

    private static boolean validPort(String port) {
        if (!port.chars().allMatch(Character::isDigit) || port.isEmpty() || port.length() > 5) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p > 0 && p < 65536;
    }

    static void notificationEmail(ParseState st, LogicalLine line) {
        int before = g(st).emails.size();
        st.readValueBlock(line, words -> g(st).emails.addAll(words));
        if (g(st).emails.size() == before) {
            st.report(GENERAL_ERROR, "Warning - empty notification_email block");
        }
    }

    static void defaultInterface(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "default_interface requires interface name");
            return;
        }
        g(st).defaultInterface = line.tokens().get(1);
    }

    static void dynamicInterfaces(ParseState st, LogicalLine line) {
        g(st).dynamicInterfaces = true;
        if (line.tokens().size() >= 2 && !line.tokens().get(1).equals("allow_if_changes")) {
            st.report(GENERAL_ERROR, "Unknown dynamic_interfaces option '" + line.tokens().get(1) + "'");
        }
        Handlers.record(st, line);
    }

    static void mcastGroup4(ParseState st, LogicalLine line) {
        String a = st.arg(line, 1);
        if (!Addresses.isIpAddress(a)) {
            st.report(GENERAL_ERROR, "Can't parse vrrp_mcast_group4 [" + a + "]. Skipping");
        } else if (a.indexOf(':') >= 0) {
            st.report(GENERAL_ERROR, "vrrp_mcast_group4 [" + a + "] is not IPv4. Skipping");
        } else if (!Addresses.isMulticast(a)) {
            st.report(GENERAL_ERROR, "vrrp_mcast_group4 [" + a + "] is not multicast. Skipping");
        } else {
            g(st).mcastGroup4 = a;
        }
    }

    static void mcastGroup6(ParseState st, LogicalLine line) {
        String a = st.arg(line, 1);
        if (!Addresses.isIpAddress(a)) {
            st.report(GENERAL_ERROR, "Can't parse vrrp_mcast_group6 [" + a + "]. Skipping");
        } else if (a.indexOf(':') < 0) {
            st.report(GENERAL_ERROR, "vrrp_mcast_group6 [" + a + "] is not IPv6. Skipping");
        } else if (!Addresses.isMulticast(a)) {
            st.report(GENERAL_ERROR, "vrrp_mcast_group6 [" + a + "] is not multicast. Skipping");
        } else {
            if (!a.toLowerCase(java.util.Locale.ROOT).matches("ff[0-9a-f]2:.*")) {
                st.report(ConfigError.WARNING, "vrrp_mcast_group6 [" + a + "] should be link-local multicast.");
            }
            g(st).mcastGroup6 = a;
        }
    }

    static void garpMasterDelay(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_garp_master_delay '" + line.tokens().get(1) + "' invalid - ignoring");
            return;
        }
        g(st).garpDelay = v.intValue();
    }

    static void garpMasterRepeat(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294967295L);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_garp_master_repeat '" + line.tokens().get(1) + "' invalid - ignoring");
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "vrrp_garp_master_repeat must be greater than 0, setting to 1");
            v = 1L;
        }
        g(st).garpRepeat = (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpMasterRefresh(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294967295L);
        if (v == null) {
            st.report(GENERAL_ERROR, "Invalid vrrp_garp_master_refresh '" + line.tokens().get(1) + "' - ignoring");
            g(st).garpRefresh = 0;
            return;
        }
        g(st).garpRefresh = (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpMasterRefreshRepeat(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294967295L);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_garp_master_refresh_repeat '" + line.tokens().get(1) + "' invalid - ignoring");
            return;
        }
        if (v == 0) {
            st.report(GENERAL_ERROR, "vrrp_garp_master_refresh_repeat must be greater than 0, setting to 1");
            v = 1L;
        }
        g(st).garpRefreshRepeat = (int) Math.min(v, Integer.MAX_VALUE);
    }

    static void garpLowerPrioDelay(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, 4294);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_garp_lower_prio_delay '" + line.tokens().get(1) + "' invalid - ignoring");
            return;
        }
        g(st).garpLowerPrioDelay = v.intValue();
    }

    static void garpLowerPrioRepeat(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 0, Integer.MAX_VALUE);
        if (v == null) {
            st.report(GENERAL_ERROR, "Invalid vrrp_garp_lower_prio_repeat '" + line.tokens().get(1) + "'");
            return;
        }
        g(st).garpLowerPrioRepeat = v.intValue();
    }

    static void downTimerAdverts(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, st.arg(line, 1), 1, 100);
        if (v == null) {
            st.report(GENERAL_ERROR, "Invalid vrrp_down_timer_adverts [1:100] '" + line.tokens().get(1) + "'");
            return;
        }
        g(st).downTimerAdverts = v.intValue();
    }

    static void garpInterval(ParseState st, LogicalLine line) {
        Long v = Numbers.readDecimal(st, st.arg(line, 1), 1, 4294967295L, 6, true);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_garp_interval '" + line.tokens().get(1) + "' is invalid");
            return;
        }
        g(st).garpInterval = v;
    }

    static void gnaInterval(ParseState st, LogicalLine line) {
        Long v = Numbers.readDecimal(st, st.arg(line, 1), 1, 4294967295L, 6, true);
        if (v == null) {
            st.report(GENERAL_ERROR, "vrrp_gna_interval '" + line.tokens().get(1) + "' is invalid");
            return;
        }
        g(st).gnaInterval = v;
    }

    static void minGarp(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, "Invalid value for vrrp_min_garp specified");
        if (v == null || !v) {
            return;
        }
        GlobalDraft gd = g(st);
        gd.minGarp = true;
        if (gd.garpRepeat == 5) {
            gd.garpRepeat = 1;
        }
        if (gd.garpRefreshRepeat == 1) {
            gd.garpRefreshRepeat = 0;
        }
        if (gd.garpDelay == 5) {
            gd.garpDelay = 0;
        }
    }

    static void lowerPrioNoAdvert(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, "Invalid value for vrrp_lower_prio_no_advert specified");
        if (v != null) {
            g(st).lowerPrioNoAdvert = v;
        }
    }

    static void higherPrioSendAdvert(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, "Invalid value for vrrp_higher_prio_send_advert specified");
        if (v != null) {
            g(st).higherPrioSendAdvert = v;
        }
    }

    /** jkeepalived extension (docs/dual-master.md): BOOL, default true; no argument means true. */
    static void dualMasterStepDownAdvert(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, "Invalid value for dual_master_step_down_advert specified");
        if (v != null) {
            g(st).dualMasterStepDownAdvert = v;
        }
    }

    static void vrrpVersion(ParseState st, LogicalLine line) {
        Long v = Numbers.readInt(st, st.arg(line, 1), 2, 3);
        if (v == null) {
            st.report(GENERAL_ERROR, "VRRP Error: Version must be either 2 or 3");
            return;
        }
        g(st).vrrpVersion = v.intValue();
    }

    static void vrrpIptables(ParseState st, LogicalLine line) {
        st.report(GENERAL_ERROR, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and "
                + "'vrrp_ipsets' with 'nftables' config option");
        Handlers.record(st, line);
        nftables(st, new LogicalLine(line.location(), "nftables", java.util.List.of("nftables")));
    }

    /** {@code nftables [TABLE]}; vrrp_iptables already turned it on in this build. */
    static void nftables(ParseState st, LogicalLine line) {
        if (g(st).settings.containsKey("nftables")) {
            st.report(GENERAL_ERROR, "nftables already specified - ignoring");
            return;
        }
        if (line.tokens().size() > 1 && line.tokens().get(1).length() >= 64) {
            st.report(GENERAL_ERROR, "nftables table name too long - ignoring");
            return;
        }
        g(st).record("nftables", List.of(line.tokens().size() > 1 ? line.tokens().get(1) : "keepalived"));
    }

    /** keepalived 2.2.7 ignores any argument: the keyword alone turns strict mode on. */
    static void strict(ParseState st, LogicalLine line) {
        g(st).strict = true;
    }

    /** keepalived 2.2.7 ignores any argument. */
    static void skipCheckAdvAddr(ParseState st, LogicalLine line) {
        g(st).skipCheckAdvAddr = true;
    }

    static void checkUnicastSrc(ParseState st, LogicalLine line) {
        g(st).checkUnicastSrc = true;
    }

    static void scriptUser(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No script username specified");
            return;
        }
        String user = line.tokens().get(1);
        String group = line.tokens().size() > 2 ? line.tokens().get(2) : null;
        if (st.options().scripts().uid(user).isEmpty()
                || (group != null && st.options().scripts().gid(group).isEmpty())) {
            st.report(GENERAL_ERROR, "Error setting global script uid/gid");
            return;
        }
        g(st).scriptUser = user;
        g(st).scriptGroup = group;
    }

    static void scriptSecurity(ParseState st, LogicalLine line) {
        g(st).scriptSecurity = true;
    }

    static void smtpAlert(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "Invalid value '" + line.tokens().get(1) + "' for global smtp_alert specified" : null);
        if (v != null) {
            g(st).smtpAlert = v;
        }
    }

    static void smtpAlertVrrp(ParseState st, LogicalLine line) {
        Boolean v = Handlers.optionalBool(st, line, line.tokens().size() > 1
                ? "Invalid value '" + line.tokens().get(1) + "' for global smtp_alert_vrrp specified" : null);
        if (v != null) {
            g(st).smtpAlertVrrp = v;
        }
    }

    static void notifyFifo(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No notify_fifo name specified");
            return;
        }
        g(st).notifyFifo = line.tokens().get(1);
    }

    static void vrrpNotifyFifo(ParseState st, LogicalLine line) {
        if (line.tokens().size() < 2) {
            st.report(GENERAL_ERROR, "No vrrp_notify_fifo name specified");
            return;
        }
        g(st).vrrpNotifyFifo = line.tokens().get(1);
    }

    static void invalidIfMissing(ParseState st, LogicalLine line, String message) {
        if (line.tokens().size() < 2) {
            st.report(ConfigError.GENERAL_ERROR, message);
            return;
        }
        Handlers.record(st, line);
    }

    /** {@code vrrp_garp_extra_if [all] SECS} (and the deprecated {@code vrrp_vmac_garp_intvl}). */
    static void garpExtraIf(ParseState st, LogicalLine line) {
        String cmd = line.tokens().get(0);
        if (cmd.equals("vrrp_vmac_garp_intvl")) {
            st.report(ConfigError.DEPRECATED,
                    "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"");
        }
        long delay = 0;
        for (int i = 1; i < line.tokens().size(); i++) {
            String w = line.tokens().get(i);
            if (w.equals("all")) {
                continue;
            }
            Long v = Numbers.readUnsigned(st, w, 1, 86400);
            if (v == null) {
                st.report(GENERAL_ERROR, cmd + " '" + w + "' invalid - ignoring");
                return;
            }
            delay = v;
        }
        if (delay == 0) {
            st.report(GENERAL_ERROR, cmd + " specified without time - ignoring");
            return;
        }
        Handlers.record(st, line);
    }

    static void notifyPriorityChanges(ParseState st, LogicalLine line) {
        if (Handlers.optionalBool(st, line, line.tokens().size() > 1 ? "Invalid value '" + line.tokens().get(1)
                + "' for global vrrp_notify_priority_changes specified" : null) != null) {
            Handlers.record(st, line);
        }
    }
}
