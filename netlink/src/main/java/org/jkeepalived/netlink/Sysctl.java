package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes per-interface IPv4 settings under {@code /proc/sys/net/ipv4/conf/IFNAME/}
 * (the current network namespace's). Interface names are used literally, dots included.
 * Stateless; safe from any thread.
 */
final class Sysctl {
    private static final Path IPV4_CONF = Path.of("/proc/sys/net/ipv4/conf");

    private Sysctl() {
    }

    static int readIpv4(String device, String setting) throws IOException {
        String text = Files.readString(path(device, setting), StandardCharsets.US_ASCII).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("sysctl net.ipv4.conf." + device + "." + setting + ": not a number: " + text, e);
        }
    }

    static void writeIpv4(String device, String setting, int value) throws IOException {
        try {
            Files.writeString(path(device, setting), Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("sysctl net.ipv4.conf." + device + "." + setting + "=" + value + ": " + e.getMessage(), e);
        }
    }

    private static Path path(String device, String setting) throws IOException {
        if (device.isEmpty() || device.contains("/") || device.equals("..") || device.equals(".")) {
            throw new IOException("invalid interface name for sysctl: '" + device + "'");
        }
        return IPV4_CONF.resolve(device).resolve(setting);
    }
}
