package org.jkeepalived.daemon.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who listens where: nginx {@code listen} directives from {@code nginx -T} output, and bound
 * sockets from {@code /proc/net/tcp|tcp6|udp|udp6}. Pure parsing; thread-safe.
 */
public final class Listeners {
    private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+([^\\s;]+)[^;]*;");
    private static final int TCP_LISTEN = 0x0A;

    /** One listening endpoint. */
    public record Listen(InetAddress address, int port, String source) {
    }

    private Listeners() {
    }

    /**
     * The address-bound {@code listen} directives of an nginx configuration dump (comments
     * dropped); wildcard, port-only, host-name and unix listens are left out.
     */
    public static List<Listen> nginxListens(String dump, String source) {
        StringBuilder code = new StringBuilder();
        for (String line : dump.split("\n")) {
            int hash = line.indexOf('#');
            code.append(hash >= 0 ? line.substring(0, hash) : line).append('\n');
        }
        List<Listen> out = new ArrayList<>();
        Matcher m = LISTEN.matcher(code);
        while (m.find()) {
            Listen l = nginxListen(m.group(1), source);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private static Listen nginxListen(String arg, String source) {
        String host;
        int port = 80;
        if (arg.startsWith("[")) {
            int end = arg.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = arg.substring(1, end);
            if (arg.length() > end + 2 && arg.charAt(end + 1) == ':') {
                port = parsePort(arg.substring(end + 2));
            }
        } else if (arg.startsWith("unix:") || arg.chars().allMatch(Character::isDigit)) {
            return null;
        } else {
            int colon = arg.lastIndexOf(':');
            host = colon >= 0 ? arg.substring(0, colon) : arg;
            if (colon >= 0) {
                port = parsePort(arg.substring(colon + 1));
            }
        }
        InetAddress address = Addresses.parse(host);
        if (address == null || address.isAnyLocalAddress() || port < 0) {
            return null;
        }
        return new Listen(address, port, source);
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Sockets bound to a specific address in a {@code /proc/net/{tcp,udp}[6]} table: TCP ones in
     * LISTEN state, every UDP one. The kernel prints addresses as 32-bit words in host (little
     * endian on x86/arm) order, hex.
     *
     * @return listens with {@code source} "inode N" (to find the owning process)
     */
    public static List<Listen> procNet(List<String> lines, boolean tcp) {
        List<Listen> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                int state = Integer.parseInt(f[3], 16);
                if (tcp && state != TCP_LISTEN) {
                    continue;
                }
                String[] local = f[1].split(":");
                InetAddress address = procAddress(local[0]);
                if (address != null && !address.isAnyLocalAddress()) {
                    out.add(new Listen(address, Integer.parseInt(local[1], 16), "inode " + f[9]));
                }
            } catch (RuntimeException e) {
                // a line of another format: skip it
            }
        }
        return out;
    }

    private static InetAddress procAddress(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
