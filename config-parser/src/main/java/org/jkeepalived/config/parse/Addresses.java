package org.jkeepalived.config.parse;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Address syntax checks with inet_pton's rules. Never resolves names (no network traffic): a string
 * is an IPv6 literal only if made of hex digits, ':' and '.', and IPv4 only as four dotted decimals.
 */
final class Addresses {
    private Addresses() {
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return false;
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0 && !isIpv4(tail)) {
            return false;
        }
        try {
            return InetAddress.getByName(s).getAddress().length == 16 && !s.contains(":::");
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** inet_pton for the family implied by a ':' (keepalived's rule). */
    static boolean isIpAddress(String s) {
        return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s);
    }

    static boolean isMulticast(String s) {
        if (isIpv4(s)) {
            int first = Integer.parseInt(s.substring(0, s.indexOf('.')));
            return first >= 224 && first <= 239;
        }
        return isIpv6(s) && s.toLowerCase().startsWith("ff");
    }

    static boolean isIpv6LinkLocal(String s) {
        try {
            return isIpv6(s) && InetAddress.getByName(s).isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The address's bytes (only for valid literals). */
    static byte[] bytes(String s) {
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    /** Dotted/colon text of bytes. */
    static String text(byte[] b) {
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
