package org.jkeepalived.daemon.doctor.firewall;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A packet the doctor asks the firewall rules about: a VRRP advert received or sent on an
 * interface, or an ICMP echo request to a VIP. Immutable.
 *
 * @param direction   received by this host (prerouting, input) or sent by it (output, postrouting)
 * @param source      IP source address, or null for "any": a rule on the source is then "cannot tell"
 * @param destination IP destination address (224.0.0.18, ff02::12, a unicast peer or a VIP), or null for "any"
 * @param protocol    IP protocol number (112 for VRRP, 1 for ICMP, 58 for ICMPv6)
 * @param icmpType    ICMP type name ("echo-request") or null
 * @param interfaceName the interface it arrives on (received) or leaves by (sent)
 */
public record ProbePacket(Direction direction, InetAddress source, InetAddress destination, int protocol,
                          String icmpType, String interfaceName) {
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_VRRP = 112;
    public static final int PROTOCOL_ICMPV6 = 58;

    /** Which way the packet goes through this host. */
    public enum Direction { RECEIVED, SENT }

    /** A VRRP advert. */
    public static ProbePacket vrrp(Direction direction, InetAddress source, InetAddress destination, String iface) {
        return new ProbePacket(direction, source, destination, PROTOCOL_VRRP, null, iface);
    }

    /** An ICMP (or ICMPv6) echo request to {@code vip} arriving on {@code iface}. */
    public static ProbePacket pingTo(InetAddress source, InetAddress vip, String iface) {
        boolean v6 = vip instanceof Inet6Address;
        return new ProbePacket(Direction.RECEIVED, source, vip, v6 ? PROTOCOL_ICMPV6 : PROTOCOL_ICMP, "echo-request",
                iface);
    }

    public ProbePacket {
        if (source == null && destination == null) {
            throw new IllegalArgumentException("a probe packet needs a source or a destination");
        }
    }

    /** An echo reply from {@code vip} leaving by {@code iface}, to any client. */
    public static ProbePacket pingReplyFrom(InetAddress vip, String iface) {
        boolean v6 = vip instanceof Inet6Address;
        return new ProbePacket(Direction.SENT, vip, null, v6 ? PROTOCOL_ICMPV6 : PROTOCOL_ICMP, "echo-reply", iface);
    }

    public boolean ipv6() {
        return (destination != null ? destination : source) instanceof Inet6Address;
    }

    public boolean multicast() {
        return destination != null && destination.isMulticastAddress();
    }

    /** The interface as input interface name, or null when the packet is sent. */
    public String inInterface() {
        return direction == Direction.RECEIVED ? interfaceName : null;
    }

    /** The interface as output interface name, or null when the packet is received. */
    public String outInterface() {
        return direction == Direction.SENT ? interfaceName : null;
    }

    /**
     * Whether the packet's connection-tracking state is in {@code states}. A well-formed packet is
     * never "invalid", "related" or "untracked". An advert to a multicast group never gets a reply,
     * so every one is "new"; a unicast advert or a ping may be "new" or "established", which the
     * doctor cannot know, so a set with only one of them is "cannot tell".
     */
    public Tri ctStateIn(java.util.Collection<String> states) {
        java.util.List<String> possible = multicast() && protocol == PROTOCOL_VRRP
                ? java.util.List.of("new") : java.util.List.of("new", "established");
        long present = possible.stream().filter(states::contains).count();
        return present == possible.size() ? Tri.MATCH : present == 0 ? Tri.NO_MATCH : Tri.UNKNOWN;
    }

    /** The hooks the packet passes, in order. */
    public java.util.List<String> hooks() {
        return direction == Direction.RECEIVED ? java.util.List.of("ingress", "prerouting", "input")
                : java.util.List.of("output", "postrouting", "egress");
    }

    /** Short description for messages. */
    public String describe() {
        String what = protocol == PROTOCOL_VRRP ? "VRRP advert" : icmpType != null ? icmpType : "packet";
        return what + " " + text(source) + " -> " + text(destination)
                + (direction == Direction.RECEIVED ? " in on " : " out on ") + interfaceName;
    }

    private static String text(InetAddress a) {
        return a == null ? "any" : a.getHostAddress();
    }
}
