package org.jkeepalived.vrrp.state;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as keepalived prints them: glibc's {@code inet_ntop}. IPv6 in the compressed form
 * (lower-case hex without leading zeros, the longest run of two or more zero groups as
 * {@code ::}, the first one on a tie), IPv4-compatible and IPv4-mapped addresses with a dotted
 * quad tail, and no {@code %scope} suffix — unlike {@link InetAddress#getHostAddress()}, which
 * gives {@code 2001:db8:0:0:0:0:0:100%eth0}. Stateless and thread-safe.
 */
public final class AddressText {

    private static final int GROUPS = 8;

    private AddressText() {
    }

    /** {@code address} as {@code inet_ntop} writes it. */
    public static String of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address || bytes.length == 4) {
            return dottedQuad(bytes, 0);
        }
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            boolean ipv4Tail = i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xffff));
            if (ipv4Tail) {
                text.append(dottedQuad(bytes, 12));
                break;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < GROUPS - 1) {
                text.append(':');
            }
        }
        return text.toString();
    }

    private static String dottedQuad(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) + "." + (bytes[offset + 1] & 0xff) + "." + (bytes[offset + 2] & 0xff) + "."
                + (bytes[offset + 3] & 0xff);
    }
}
