package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.parse.Drafts.CheckerDraft;
import org.jkeepalived.config.parse.Drafts.RsDraft;
import org.jkeepalived.config.parse.Drafts.VsDraft;

/** Handlers of the checker (LVS) process: virtual servers, real servers and health checkers. */
final class CheckHandlers {
    private static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo",
            "ovf", "lblcr", "sed", "nq", "twos");

    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    private CheckHandlers() {
    }

    private static VsDraft vs(ParseState st) {
        List<VsDraft> all = st.drafts().virtualServers;
        return all.get(all.size() - 1);
    }

    static void virtualServerGroup(ParseState st, LogicalLine line) {
        String name = st.arg(line, 1);
        List<List<String>> entries = new ArrayList<>();
        List<String> rest = new ArrayList<>(line.tokens());
        rest.remove(1);
        st.readValueBlock(new LogicalLine(line.location(), line.text(), rest), w -> {
            if (VsgEntries.valid(st, name, w)) {
                entries.add(w);
            }
        });
        if (entries.isEmpty()) {
            st.report(GENERAL_ERROR, "virtual server group " + name + " has no entries - removing");
            return;
        }
        st.drafts().vsGroups.put(name, entries);
    }

    static void virtualServer(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        String first = st.arg(line, 1);
        VsDraft d;
        if (first.equals("fwmark") || first.equals("group")) {
            String v = st.arg(line, 2);
            d = new VsDraft(first.equals("fwmark") ? "FWM " + v : "[" + v + "]:0");
            if (first.equals("fwmark")) {
                Long mark = Numbers.readUnsigned(st, v, 0, 4294967295L);
                if (mark == null) {
                    st.report(GENERAL_ERROR, "virtual server fwmark '" + v + "' must be in [0, 4294967295] - ignoring");
                    st.skipBlock(true);
                    return;
                }
                d.fwmark = mark;
            } else {
                d.group = v;
            }
        } else {
            String port = t.size() > 2 && !t.get(2).chars().allMatch(c -> c == '0') ? t.get(2) : null;
            boolean portValid = port == null || readPort(st, port);
            if (!isServerAddress(first) || !portValid) {
                st.report(GENERAL_ERROR, "Invalid virtual server IP address" + (port != null ? "/port" : "") + " "
                        + first + (port != null ? "/" + port : "") + " - skipping");
                st.skipBlock(true);
                return;
            }
            d = new VsDraft(null);
            d.address = serverAddress(first);
            d.port = port == null ? 0 : Integer.parseInt(port);
        }
        st.drafts().virtualServers.add(d);
        st.target = d;
    }

    static void vsSetting(ParseState st, LogicalLine line) {
        VsDraft d = vs(st);
        List<String> a = Handlers.args(line);
        String kw = line.tokens().get(0);
        switch (kw) {
            case "lb_algo", "lvs_sched" -> {
                if (!a.isEmpty() && SCHEDULERS.contains(a.get(0))) {
                    d.lbAlgo = a.get(0);
                } else {
                    st.report(GENERAL_ERROR, "Invalid lvs_scheduler '" + (a.isEmpty() ? "" : a.get(0)) + "' - ignoring");
                }
            }
            case "lb_kind", "lvs_method" -> {
                if (LvsNumbers.forwardingMethod(st, line, "virtual")) {
                    d.lbKind = a.get(0);
                }
            }
            case "protocol" -> protocol(st, d, a);
            case "delay_loop" -> {
                Long v = LvsNumbers.check(st, line, LvsNumbers.VIRTUAL_SERVER);
                if (v != null) {
                    d.delayLoop = v;
                }
            }
            case "persistence_timeout" -> {
                Long v = a.isEmpty() ? Long.valueOf(360) : Numbers.readUnsigned(st, a.get(0), 1, 2678400);
                if (v == null) {
                    st.report(GENERAL_ERROR, "persistence_timeout invalid");
                } else {
                    d.persistence = v;
                }
            }
            case "quorum" -> {
                Long v = LvsNumbers.check(st, line, LvsNumbers.VIRTUAL_SERVER);
                d.quorum = v == null ? 1 : v;
            }
            case "hysteresis" -> {
                Long v = LvsNumbers.check(st, line, LvsNumbers.VIRTUAL_SERVER);
                if (v != null) {
                    d.hysteresis = v;
                }
            }
            case "weight" -> {
                Long v = LvsNumbers.check(st, line, LvsNumbers.VIRTUAL_SERVER);
                if (v != null) {
                    d.weight = v.intValue();
                }
            }
            case "connect_timeout", "delay_before_retry", "retry", "warmup" ->
                    LvsNumbers.check(st, line, LvsNumbers.VIRTUAL_SERVER);
            case "sorry_server" -> {
                String port = a.size() > 1 && !a.get(1).chars().allMatch(c -> c == '0') ? a.get(1) : null;
                if (!Addresses.isIpAddress(st.arg(line, 1)) || (port != null && !validPort(port))) {
                    st.report(GENERAL_ERROR, "Invalid sorry server IP address " + a.get(0) + " - skipping");
                    st.skipBlock(true);
                    return;
                }
                d.sorryServer = String.join(" ", a);
            }
            case "smtp_alert" -> {
                if (Handlers.optionalBool(st, line, line.tokens().size() > 1
                        ? "Invalid virtual_server smtp_alert parameter " + line.tokens().get(1) : null) == null) {
                    return;
                }
            }
            case "ip_family" -> {
                String f = st.arg(line, 1);
                if (!f.equals("inet") && !f.equals("inet6")) {
                    st.report(GENERAL_ERROR, "unknown address family " + f);
                    return;
                }
            }
            case "quorum_up", "quorum_down" -> {
                if (d.settings.containsKey(kw)) {
                    st.report(GENERAL_ERROR, "(" + (d.group == null ? "(null)" : d.group) + ") " + kw
                            + " script already specified - ignoring " + st.arg(line, 1));
                    return;
                }
                org.jkeepalived.config.model.NotifyScript script = Scripts.forNotify(st, line);
                if (script != null) {
                    d.scripts.add(script);
                }
            }
            case "persistence_granularity" -> {
                String v = st.arg(line, 1);
                boolean v6 = d.address != null ? d.address.indexOf(':') >= 0 : v.indexOf('.') < 0;
                if (v6 ? Numbers.readUnsigned(st, v, 1, 128) == null : !(Addresses.isIpv4(v) || GlobalHandlers.isInetAton(v))) {
                    st.report(GENERAL_ERROR, "Invalid IPv" + (v6 ? 6 : 4) + " persistence_granularity specified - " + v);
                    return;
                }
            }
            case "sorry_server_inhibit" -> {
                if (d.sorryServer == null) {
                    st.report(GENERAL_ERROR, "Ignoring sorry_server inhibit used before or without sorry_server");
                    return;
                }
            }
            case "sorry_server_lvs_method" -> {
                if (d.sorryServer == null) {
                    st.report(GENERAL_ERROR, "sorry_server forwarding used without sorry_server");
                    return;
                }
            }
            case "hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback" -> {
                boolean general = kw.equals("ops") || kw.startsWith("flag-");
                boolean sh = "sh".equals(d.lbAlgo) && kw.startsWith("sh-");
                boolean mh = "mh".equals(d.lbAlgo) && kw.startsWith("mh-");
                if (!general && !"sh".equals(d.lbAlgo) && !"mh".equals(d.lbAlgo)) {
                    st.report(GENERAL_ERROR, kw + " only applies to sh scheduler - ignoring");
                    return;
                }
                if (!general && !sh && !mh) {
                    return;
                }
            }
            default -> {
                // every other keyword is kept raw below
            }
        }
        Handlers.record(st, line);
    }

    private static void protocol(ParseState st, VsDraft d, List<String> a) {
        String p = a.isEmpty() ? "" : a.get(0).toUpperCase(Locale.ROOT);
        if (p.equals("TCP") || p.equals("UDP") || p.equals("SCTP")) {
            d.protocol = p;
        } else {
            st.report(GENERAL_ERROR, "Unknown protocol " + (a.isEmpty() ? "" : a.get(0)) + " - ignoring");
        }
    }

    /** inet_stosockaddr's port: a number 1..65535 (keepalived passes no port for "0"). */
    static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    /** A server port as keepalived reads it: read_unsigned in [1, 65535], with its messages. */
    static boolean readPort(ParseState st, String port) {
        return Numbers.readUnsigned(st, port, 1, 65535) != null;
    }

    /**
     * A virtual or real server address: keepalived cuts the text at its first '-', or else at its
     * first '/', and parses only what comes before (so "192.0.2.1/33" is 192.0.2.1).
     */
    static boolean isServerAddress(String text) {
        return Addresses.isIpAddress(serverAddress(text));
    }

    /** The part of a server address keepalived parses (see {@link #isServerAddress}). */
    static String serverAddress(String text) {
        int cut = text.indexOf('-') >= 0 ? text.indexOf('-') : text.indexOf('/');
        return cut >= 0 ? text.substring(0, cut) : text;
    }

    /** At a real server's '}': keepalived drops one whose address family differs from its virtual server's. */
    static void realServerEnd(ParseState st, LogicalLine line) {
        if (!(st.target instanceof RsDraft rs)) {
            return;
        }
        VsDraft v = vs(st);
        if (v.address != null && isIpv6(v.address) != isIpv6(rs.address)) {
            st.report(GENERAL_ERROR, "Address family of virtual server and real server " + rs.address
                    + " don't match - skipping real server.");
            v.realServers.remove(rs);
        }
    }

    private static boolean isIpv6(String address) {
        return address.indexOf(':') >= 0;
    }

    static void realServer(ParseState st, LogicalLine line) {
        String addr = st.arg(line, 1);
        String given = line.tokens().size() > 2 ? line.tokens().get(2) : null;
        String portStr = given != null && !given.chars().allMatch(c -> c == '0') ? given : null;
        boolean portValid = portStr == null || readPort(st, portStr);
        if (!isServerAddress(addr) || !portValid) {
            st.report(GENERAL_ERROR, "Invalid real server ip address/port " + addr + "/" + (given == null ? "(null)" : given)
                    + " - skipping");
            st.skipBlock(true);
            return;
        }
        int port = portStr == null ? 0 : Integer.parseInt(portStr);
        RsDraft rs = new RsDraft(serverAddress(addr), port);
        vs(st).realServers.add(rs);
        st.target = rs;
    }

    static void rsSetting(ParseState st, LogicalLine line) {
        RsDraft rs = (RsDraft) st.target;
        String rkw = line.tokens().get(0);
        if (rkw.equals("inhibit_on_failure") || rkw.equals("alpha") || rkw.equals("smtp_alert")) {
            String what = rkw.equals("smtp_alert") ? "real_server smtp_alert" : rkw;
            if (Handlers.optionalBool(st, line, line.tokens().size() > 1
                    ? "Invalid " + what + " parameter " + line.tokens().get(1) : null) == null) {
                return;
            }
        }
        Long v = LvsNumbers.check(st, line, LvsNumbers.REAL_SERVER);
        if (v != null && line.tokens().get(0).equals("weight")) {
            rs.weight = v.intValue();
        }
        if (line.tokens().get(0).equals("lvs_method") && !LvsNumbers.forwardingMethod(st, line, "real")) {
            return;
        }
        if (line.tokens().get(0).startsWith("notify_")) {
            org.jkeepalived.config.model.NotifyScript script = Scripts.forNotify(st, line);
            if (script != null) {
                vs(st).scripts.add(script);
            }
        }
        Handlers.record(st, line);
    }

    /** A keyword common to the checkers (connect_port, connect_timeout, retry, …). */
    static void checkerSetting(ParseState st, LogicalLine line) {
        String kw = line.tokens().get(0);
        switch (kw) {
            case "connect_ip", "bindto" -> {
                String a = st.arg(line, 1);
                if (!Addresses.isIpAddress(a)) {
                    st.report(GENERAL_ERROR, "Invalid " + kw + " address " + a + " - ignoring");
                    return;
                }
            }
            case "bind_if" -> {
                if (st.arg(line, 1).length() >= 16) {
                    st.report(GENERAL_ERROR, "Interface name " + line.tokens().get(1) + " is too long - ignoring");
                    return;
                }
            }
            case "alpha", "log_all_failures", "fast_recovery", "enable_sni", "inhibit_on_failure" -> {
                if (Handlers.optionalBool(st, line, line.tokens().size() > 1
                        ? "Invalid " + kw + " parameter " + line.tokens().get(1) : null) == null) {
                    return;
                }
            }
            case "min_reply_length", "max_reply_length", "type", "misc_timeout", "user" -> {
                if (!CheckerBlockHandlers.specific(st, line)) {
                    return;
                }
            }
            default -> LvsNumbers.check(st, line, LvsNumbers.CHECKER);
        }
        Handlers.record(st, line);
    }

    static void checker(ParseState st, LogicalLine line) {
        RsDraft rs = (RsDraft) st.target;
        CheckerDraft c = new CheckerDraft(line.tokens().get(0));
        rs.checkers.add(c);
        st.target = c;
    }

    static void checkerSubBlock(ParseState st, LogicalLine line) {
        CheckerDraft c = (CheckerDraft) st.target;
        Draft sub = new CheckerSub(c);
        if (line.tokens().get(0).equals("url")) {
            c.urls.add(sub);
        } else {
            c.hosts.add(sub);
        }
        st.target = sub;
    }

    static void nbGetRetry(ParseState st, LogicalLine line) {
        st.report(GENERAL_ERROR, "nb_get_retry is deprecated - please use 'retry'");
        if (Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294967295L) == null) {
            st.report(GENERAL_ERROR, "Invalid nb_get_retry value '" + line.tokens().get(1) + "'");
            return;
        }
        Handlers.record(st, line);
    }

    /**
     * A url's digest (keepalived 2.2.7 keeps one per url): a second one is a duplicate, and the
     * value must be 32 hex digits; a rejected digest leaves the url without one.
     */
    static void urlDigest(ParseState st, LogicalLine line) {
        CheckerSub url = (CheckerSub) st.target;
        String digest = st.arg(line, 1);
        if (url.settings.containsKey("digest")) {
            st.report(GENERAL_ERROR, "Digest '" + digest + "' is a duplicate");
            return;
        }
        if (digest.length() != 32) {
            st.report(GENERAL_ERROR, "digest '" + digest + "' character length should be 32 rather than " + digest.length());
            return;
        }
        for (int i = 0; i < digest.length(); i += 2) {
            if (HEX_DIGITS.indexOf(digest.charAt(i)) < 0 || HEX_DIGITS.indexOf(digest.charAt(i + 1)) < 0) {
                st.report(GENERAL_ERROR, "Unable to interpret hex digit in '" + digest.substring(0, i + 2)
                        + "' at offset " + i + "/" + (i + 1));
                return;
            }
        }
        Handlers.record(st, line);
    }

    /** A url's status_code: words N or N-M with 100 &lt;= N &lt;= M &lt;= 599; the first bad word is reported. */
    static void urlStatusCode(ParseState st, LogicalLine line) {
        for (String word : Handlers.args(line)) {
            int dash = word.indexOf('-');
            int low = httpStatus(dash < 0 ? word : word.substring(0, dash));
            int high = dash < 0 ? low : httpStatus(word.substring(dash + 1));
            if (low < 0 || high < low) {
                st.report(GENERAL_ERROR, "Invalid HTTP_GET status code '" + word + "'");
                return;
            }
        }
        Handlers.record(st, line);
    }

    /** A status code 100..599 written in plain decimal, else -1. */
    private static int httpStatus(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int code = Integer.parseInt(text);
        return code >= 100 && code <= 599 ? code : -1;
    }

    static void urlEnd(ParseState st, LogicalLine line) {
        CheckerSub url = (CheckerSub) st.target;
        if (!url.settings.containsKey("path")) {
            st.report(GENERAL_ERROR, "HTTP/SSL_GET checker url has no path - ignoring");
            url.parent.urls.remove(url);
        }
    }

    static void miscPath(ParseState st, LogicalLine line) {
        CheckerDraft c = (CheckerDraft) st.target;
        c.script = Scripts.forNotify(st, line);
        Handlers.record(st, line);
    }

    /** True when no checker of any real server read so far survived (keepalived's queue is empty). */
    private static boolean noCheckerQueued(ParseState st) {
        for (VsDraft v : st.drafts().virtualServers) {
            for (RsDraft rs : v.realServers) {
                if (!rs.checkers.isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    static void checkerEnd(ParseState st, LogicalLine line) {
        CheckerDraft c = (CheckerDraft) st.target;
        if (c.dropped) {
            vs(st).realServers.get(vs(st).realServers.size() - 1).checkers.remove(c);
            return;
        }
        if ((c.type.equals("HTTP_GET") || c.type.equals("SSL_GET")) && c.urls.isEmpty()) {
            st.report(GENERAL_ERROR, "HTTP/SSL_GET checker has no urls specified - ignoring");
            vs(st).realServers.get(vs(st).realServers.size() - 1).checkers.remove(c);
            if (noCheckerQueued(st)) {
                // keepalived 2.2.7 then drops the last entry of an empty checker queue: SIGSEGV
                st.crash();
            }
            return;
        }
        String missing = switch (c.type) {
            case "MISC_CHECK" -> c.script == null ? "No script path has been specified for MISC_CHECKER - skipping" : null;
            case "FILE_CHECK" -> !c.settings.containsKey("track_file") ? "FILE_CHECK has no track_file specified - ignoring" : null;
            case "BFD_CHECK" -> !c.settings.containsKey("name") ? CheckerBlockHandlers.bfdMissingName(st) : null;
            default -> null;
        };
        if (missing != null) {
            st.report(GENERAL_ERROR, missing);
            vs(st).realServers.get(vs(st).realServers.size() - 1).checkers.remove(c);
        }
    }

    /** A url/host block inside a checker. */
    static final class CheckerSub extends Draft {
        final CheckerDraft parent;

        CheckerSub(CheckerDraft parent) {
            this.parent = parent;
        }
    }
}
