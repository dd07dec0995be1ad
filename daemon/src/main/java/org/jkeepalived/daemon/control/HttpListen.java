package org.jkeepalived.daemon.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --http-listen [ADDR:]PORT} value: ADDR defaults to 127.0.0.1; an IPv6 address is
 * written in brackets ({@code [::1]:9650}). Only numeric addresses are accepted, so a typo never
 * triggers a DNS lookup. Immutable.
 */
public record HttpListen(InetAddress address, int port) {

    /** Parses the option value; throws {@link IllegalArgumentException} with a message for the user. */
    public static HttpListen parse(String text) {
        String value = text == null ? "" : text.strip();
        String host = "127.0.0.1";
        String port = value;
        if (value.startsWith("[")) {
            int end = value.indexOf("]:");
            if (end < 0) {
                throw new IllegalArgumentException("--http-listen " + text + ": expected [IPV6]:PORT");
            }
            host = value.substring(1, end);
            port = value.substring(end + 2);
        } else if (value.contains(":")) {
            int colon = value.lastIndexOf(':');
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("--http-listen " + text + ": write an IPv6 address in brackets, [::1]:9650");
            }
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http-listen " + text + ": port '" + port + "' is not a number");
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("--http-listen " + text + ": port must be 1..65535");
        }
        return new HttpListen(numericAddress(host, text), number);
    }

    private static InetAddress numericAddress(String host, String text) {
        boolean numeric = host.matches("[0-9.]+") && host.split("\\.", -1).length == 4 || host.matches("[0-9a-fA-F:.]+")
                && host.contains(":");
        if (!numeric) {
            throw new IllegalArgumentException("--http-listen " + text + ": '" + host + "' is not a numeric IP address");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--http-listen " + text + ": '" + host + "' is not a valid IP address");
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
