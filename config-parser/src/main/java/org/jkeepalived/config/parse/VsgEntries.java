package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;

/**
 * keepalived's alloc_vsg_entry checks for one {@code virtual_server_group} line: {@code fwmark N
 * [inet|inet6]}, or {@code ADDR[-END|/LEN] [PORT]} where a range END is the last IPv4 byte (decimal)
 * or the last IPv6 group (hex) and a /LEN must leave no host bits set.
 */
final class VsgEntries {
    private VsgEntries() {
    }

    /** Reports what keepalived reports for the entry; true when the entry is kept. */
    static boolean valid(ParseState st, String group, List<String> w) {
        if (w.get(0).equals("fwmark")) {
            return fwmarkValid(st, group, w);
        }
        String port = w.size() >= 2 && !w.get(1).chars().allMatch(c -> c == '0') ? w.get(1) : null;
        String addr = w.get(0);
        boolean portValid = port == null || CheckHandlers.readPort(st, port);
        int dash = addr.indexOf('-');
        int slash = addr.indexOf('/');
        int cut = dash >= 0 ? dash : (slash >= 0 ? slash : addr.length());
        String ip = addr.substring(0, cut);
        if (!Addresses.isIpAddress(ip) || !portValid) {
            st.report(GENERAL_ERROR, "Invalid virtual server group IP address " + addr + " "
                    + (port != null ? "/port/" + port : "") + " - skipping");
            return false;
        }
        if (dash >= 0) {
            return rangeValid(st, addr, ip, addr.substring(dash + 1));
        }
        return slash < 0 || netmaskValid(st, addr, ip, addr.substring(slash + 1));
    }

    private static boolean fwmarkValid(ParseState st, String group, List<String> w) {
        if (w.size() < 2) {
            // keepalived's missing-parameter abort, placed at the entry's line
            st.arg(new LogicalLine(st.current().location(), st.current().text(), w), 1);
        }
        String v = w.get(1);
        if (Numbers.readUnsigned(st, v, 0, 4294967295L) == null) {
            st.report(GENERAL_ERROR, "(" + group + "): fwmark '" + v + "' must be in [0, 4294967295] - ignoring");
            return false;
        }
        if (w.size() > 2 && !w.get(2).equals("inet") && !w.get(2).equals("inet6")) {
            st.report(GENERAL_ERROR, "(" + group + "): fwmark '" + v + "' family " + w.get(2) + " unknown - ignoring");
            return false;
        }
        return true;
    }

    /** ADDR-END: END (strtoul, base 10 for IPv4, 16 for IPv6) must exceed the address's last part. */
    private static boolean rangeValid(ParseState st, String addr, String ip, String end) {
        boolean v6 = ip.indexOf(':') >= 0;
        int radix = v6 ? 16 : 10;
        int digits = 0;
        while (digits < end.length() && digits < 12 && Character.digit(end.charAt(digits), radix) >= 0
                && end.charAt(digits) < 0x80) {
            digits++;
        }
        if (digits < end.length()) {
            st.report(GENERAL_ERROR, "Virtual server group range '" + addr + "' has extra characters at end '"
                    + end.substring(digits) + "'");
            return false;
        }
        long last = digits == 0 ? 0 : Long.parseLong(end, radix);
        if (last > (v6 ? 0xffff : 255)) {
            st.report(GENERAL_ERROR, "Virtual server group range '" + addr + "' end '" + end + "' too large");
            return false;
        }
        byte[] b = Addresses.bytes(ip);
        long start = v6 ? ((b[14] & 0xff) << 8) | (b[15] & 0xff) : b[3] & 0xff;
        if (last <= start) {
            st.report(GENERAL_ERROR, "Address range end is not greater than address range start - " + addr + " - skipping");
            return false;
        }
        return true;
    }

    /** ADDR/LEN: LEN a whole number in 1..32 (1..128 for IPv6), and ADDR without host bits. */
    private static boolean netmaskValid(ParseState st, String addr, String ip, String len) {
        byte[] b = Addresses.bytes(ip);
        int bits = b.length * 8;
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(len) < 1 || Integer.parseInt(len) > bits) {
            st.report(GENERAL_ERROR, "Invalid netmask - " + addr + " - skipping");
            return false;
        }
        int prefix = Integer.parseInt(len);
        for (int bit = prefix; bit < bits; bit++) {
            if ((b[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                st.report(GENERAL_ERROR, "Address mask bits not empty - " + addr + " - skipping");
                return false;
            }
        }
        return true;
    }
}
