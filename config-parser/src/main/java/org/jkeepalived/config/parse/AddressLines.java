package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.List;
import java.util.Set;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.VirtualIp;

/**
 * The address line grammar of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} and
 * {@code static_ipaddress} ({@code alloc_ipaddress}): problems reported with keepalived's wording,
 * a line that keepalived drops returns null.
 */
final class AddressLines {
    private static final Set<String> SCOPES = Set.of("global", "site", "link", "host", "nowhere", "universe");

    private AddressLines() {
    }

    /** A parsed "ADDR[/LEN]"; null (after reporting) when the address is invalid. */
    record Prefix(String address, int length, AddressFamily family) {
    }

    /** keepalived's parse_ipaddress: family from ':', bad prefix falls back to the full length. */
    static Prefix parsePrefix(ParseState st, String text, boolean allowPrefix) {
        AddressFamily family = AddressFamily.of(text);
        int max = family == AddressFamily.IPV6 ? 128 : 32;
        int length = max;
        String addr = text;
        int slash = allowPrefix ? text.indexOf('/') : -1;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            Long v = Numbers.readUnsigned(st, len, 0, max);
            if (v == null) {
                st.report(GENERAL_ERROR, "Invalid address prefix len " + len + " for address " + text + " - using " + max);
            } else {
                length = v.intValue();
            }
            addr = text.substring(0, slash);
        }
        if (!Addresses.isIpAddress(addr)) {
            st.report(GENERAL_ERROR, "VRRP parsed invalid IP " + text + ". skipping IP...");
            return null;
        }
        return new Prefix(addr, length, family);
    }

    /**
     * One address line. {@code defaultDev} is used when no {@code dev} is given (the instance
     * interface, or default_interface for static addresses; null = left unset).
     */
    static VirtualIp parseVip(ParseState st, List<String> w, boolean isStatic, String defaultDev) {
        Prefix p = parsePrefix(st, w.get(0), true);
        if (p == null) {
            return null;
        }
        VipBuilder b = new VipBuilder(p);
        int i = 1;
        String missing = null;
        while (i < w.size()) {
            String opt = w.get(i);
            boolean hasParam = w.size() >= i + 2;
            if (Set.of("dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft").contains(opt)
                    || (isStatic && opt.equals("track_group"))) {
                if (!hasParam) {
                    missing = opt;
                    break;
                }
                String value = w.get(++i);
                if (!b.option(st, opt, value, w.get(0))) {
                    return null;
                }
            } else if (!b.flag(opt, isStatic)) {
                st.report(GENERAL_ERROR, "Unknown configuration entry '" + opt + "' for ip address - ignoring");
            }
            i++;
        }
        if (missing != null) {
            st.report(GENERAL_ERROR, "No " + missing + " parameter specified for " + w.get(0));
            return null;
        }
        return b.finish(st, isStatic ? defaultDev : null, defaultDev);
    }

    /** Mutable state of one address line. */
    private static final class VipBuilder {
        final Prefix prefix;
        int length;
        String dev;
        String scope = "global";
        String label;
        String brdMode;
        String peer;
        boolean nodad = true;
        boolean home;
        boolean mngtmp;
        boolean noprefix;
        boolean autojoin;
        boolean noTrack;
        boolean useVmac;
        String preferredLft;
        String trackGroup;

        VipBuilder(Prefix prefix) {
            this.prefix = prefix;
            this.length = prefix.length();
        }

        /** Applies an option with a value; false when keepalived drops the address. */
        boolean option(ParseState st, String opt, String value, String addrText) {
            switch (opt) {
                case "dev" -> {
                    if (dev != null) {
                        st.report(GENERAL_ERROR, "Cannot specify ipaddress device more than once for " + addrText);
                        return false;
                    }
                    if (!VrrpHandlers.interfaceUsable(st, value)) {
                        st.report(GENERAL_ERROR, "WARNING - interface " + value + " for ip address " + addrText
                                + " doesn't exist");
                        return false;
                    }
                    dev = value;
                }
                case "scope" -> {
                    if (!SCOPES.contains(value) && !value.chars().allMatch(Character::isDigit)) {
                        st.report(GENERAL_ERROR, "Invalid scope '" + value + "' specified for " + addrText + " - ignoring");
                    } else {
                        scope = value.equals("universe") ? "global" : value;
                    }
                }
                case "broadcast", "brd" -> {
                    if (prefix.family() == AddressFamily.IPV6) {
                        st.report(GENERAL_ERROR, "VRRP is trying to assign a broadcast " + opt + " to the IPv6 address "
                                + addrText + " !!?? WTF... skipping VIP...");
                        return false;
                    }
                    if (!value.equals("+") && !value.equals("-") && !Addresses.isIpv4(value)) {
                        st.report(GENERAL_ERROR, "VRRP is trying to assign invalid broadcast " + value + ". skipping VIP...");
                        return false;
                    }
                    brdMode = value;
                }
                case "label" -> {
                    if (value.length() >= 16) {
                        st.report(GENERAL_ERROR, "Address label " + value + " is longer than maximum length 15 - removing address");
                        return false;
                    }
                    label = value;
                }
                case "peer" -> peer(st, value);
                case "preferred_lft" -> {
                    if (value.equals("forever")) {
                        preferredLft = value;
                    } else if (Numbers.readUnsigned(st, value, 0, 4294967295L) != null) {
                        preferredLft = value;
                    } else {
                        st.report(GENERAL_ERROR, "preferred_lft " + value + " is invalid");
                    }
                }
                case "track_group" -> {
                    if (trackGroup != null) {
                        st.report(GENERAL_ERROR, "track_group " + value + " is a duplicate");
                    } else if (!st.drafts().trackGroups.containsKey(value)) {
                        st.report(GENERAL_ERROR, "track_group " + value + " not found");
                    } else {
                        trackGroup = value;
                    }
                }
                default -> {
                    return true;
                }
            }
            return true;
        }

        private void peer(ParseState st, String value) {
            if (peer != null) {
                st.report(GENERAL_ERROR, "Peer " + value + " - another peer has already been specified");
                return;
            }
            Prefix pp = parsePrefix(st, value, false);
            if (pp == null) {
                st.report(GENERAL_ERROR, "Invalid peer address " + value);
            } else if (pp.family() != prefix.family()) {
                st.report(GENERAL_ERROR, "Peer address " + value + " does not match address family");
            } else {
                if (length != (prefix.family() == AddressFamily.IPV6 ? 128 : 32)) {
                    st.report(GENERAL_ERROR, "Cannot specify address prefix when specifying peer address - ignoring");
                }
                peer = pp.address();
                length = pp.length();
            }
        }

        boolean flag(String opt, boolean isStatic) {
            switch (opt) {
                case "home" -> home = true;
                case "-nodad" -> nodad = false;
                case "mngtmpaddr" -> mngtmp = true;
                case "noprefixroute" -> noprefix = true;
                case "autojoin" -> autojoin = true;
                case "no_track" -> noTrack = true;
                case "use_vmac" -> {
                    if (isStatic) {
                        return false;
                    }
                    useVmac = true;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        VirtualIp finish(ParseState st, String staticDefaultDev, String defaultDev) {
            String broadcast = null;
            if (brdMode != null && peer != null) {
                st.report(GENERAL_ERROR, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
            } else if (brdMode != null && (brdMode.equals("+") || brdMode.equals("-"))) {
                if (length <= 30) {
                    broadcast = broadcastOf(peer != null ? peer : prefix.address(),
                            length, brdMode.equals("+"));
                } else {
                    st.report(GENERAL_ERROR, "Address prefix length " + length + " too long for broadcast");
                }
            } else if (brdMode != null) {
                broadcast = brdMode;
            }
            String effectiveDev = dev != null ? dev : defaultDev;
            if (prefix.family() == AddressFamily.IPV6) {
                if (!scope.equals("global")) {
                    st.report(GENERAL_ERROR, "Cannot specify scope for IPv6 addresses (" + prefix.address()
                            + (prefix.length() == 128 ? "" : "/" + prefix.length()) + ") - ignoring scope");
                    scope = "global";
                }
                if (label != null) {
                    st.report(GENERAL_ERROR, "Cannot specify label for IPv6 addresses (" + prefix.address()
                            + ") - ignoring label");
                    label = null;
                }
                if (preferredLft == null) {
                    preferredLft = length == 128 ? "0" : "forever";
                }
            }
            if (trackGroup != null && dev == null && staticDefaultDev == null) {
                st.report(GENERAL_ERROR, "Static route cannot have track_group if interface not specified");
                trackGroup = null;
            }
            return new VirtualIp(prefix.address(), length, prefix.family(), effectiveDev, label, broadcast, scope,
                    peer, prefix.family() == AddressFamily.IPV6 && nodad, home, noprefix, mngtmp, autojoin, noTrack,
                    useVmac, preferredLft, trackGroup);
        }

        private static String broadcastOf(String address, int length, boolean setHostBits) {
            byte[] b = Addresses.bytes(address);
            long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            long mask = 0xffffffffL >>> length;
            v = setHostBits ? (v | mask) : (v & ~mask & 0xffffffffL);
            return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
        }
    }
}
