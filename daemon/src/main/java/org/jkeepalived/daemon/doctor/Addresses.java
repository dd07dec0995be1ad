package org.jkeepalived.daemon.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parsing address literals without ever resolving a name. Stateless; thread-safe. */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Addresses() {
    }

    /** The address in {@code text} ("ADDR", "ADDR/LEN", "ADDR%scope"), or null when it is not a literal. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text;
        int cut = t.indexOf('/');
        if (cut >= 0) {
            t = t.substring(0, cut);
        }
        cut = t.indexOf('%');
        if (cut >= 0) {
            t = t.substring(0, cut);
        }
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
