package org.jkeepalived.daemon.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel says about multicast membership and raw VRRP sockets in this network namespace:
 * {@code /proc/net/igmp}, {@code /proc/net/igmp6} and {@code /proc/net/raw[6]}. Pure parsing;
 * thread-safe.
 */
public final class Multicast {
    /** 224.0.0.18 as /proc/net/igmp prints it (the address as a host-order word, x86/arm: reversed). */
    public static final String VRRP_GROUP_IGMP = "120000E0";
    /** ff02::12 as /proc/net/igmp6 prints it. */
    public static final String VRRP_GROUP_IGMP6 = "ff020000000000000000000000000012";
    private static final int PROTOCOL_VRRP = 112;

    private Multicast() {
    }

    /** Device → groups joined, from /proc/net/igmp (groups upper-case hex as printed). */
    public static Map<String, Set<String>> igmpGroups(List<String> lines) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String device = null;
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("Idx")) {
                continue;
            }
            if (Character.isDigit(line.charAt(0))) {
                String[] f = line.trim().split("\\s+");
                device = f.length > 1 ? f[1].replace(":", "") : null;
                if (device != null) {
                    out.computeIfAbsent(device, k -> new LinkedHashSet<>());
                }
            } else if (device != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 0 && !f[0].isEmpty()) {
                    out.get(device).add(f[0].toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Device → groups joined, from /proc/net/igmp6 (groups lower-case hex). */
    public static Map<String, Set<String>> igmp6Groups(List<String> lines) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3) {
                out.computeIfAbsent(f[1], k -> new LinkedHashSet<>()).add(f[2].toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Whether a raw socket for protocol 112 is open (what a VRRP daemon holds: keepalived's receive
     * socket, jkeepalived's protocol sink). /proc/net/raw prints the protocol as the local "port".
     */
    public static boolean vrrpSocketOpen(List<String> rawLines) {
        for (String line : rawLines) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].endsWith(":") && !f[0].equals("sl")) {
                int colon = f[1].lastIndexOf(':');
                try {
                    if (colon > 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == PROTOCOL_VRRP) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    // header or another format
                }
            }
        }
        return false;
    }

    /** Lines of several files, concatenated. */
    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
