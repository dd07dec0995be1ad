package org.jkeepalived.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jkeepalived.netlink.rtm.AddressEntry;
import org.jkeepalived.netlink.rtm.LinkEntry;
import org.jkeepalived.vrrp.port.LinkInfo;

/**
 * The links and addresses of the namespace as the monitor last saw them, so {@code link(name)}
 * answers without a syscall. Written by the monitor thread, read by any thread.
 */
final class KernelState {
    private static final int IFA_F_SECONDARY = 0x01;
    private static final int IFA_F_DEPRECATED = 0x20;

    private final Map<Integer, LinkEntry> linksByIndex = new ConcurrentHashMap<>();
    private final Map<Integer, List<AddressEntry>> addressesByIndex = new ConcurrentHashMap<>();

    /** Replaces everything with a fresh dump. */
    synchronized void reset(List<LinkEntry> links, List<AddressEntry> addresses) {
        linksByIndex.clear();
        addressesByIndex.clear();
        links.forEach(this::putLink);
        addresses.forEach(this::addAddress);
    }

    synchronized void putLink(LinkEntry link) {
        linksByIndex.put(link.index(), link);
    }

    synchronized LinkEntry removeLink(int index) {
        addressesByIndex.remove(index);
        return linksByIndex.remove(index);
    }

    synchronized void addAddress(AddressEntry address) {
        List<AddressEntry> list = addressesByIndex.computeIfAbsent(address.index(), i -> new CopyOnWriteArrayList<>());
        list.removeIf(a -> a.address().equals(address.address()));
        list.add(address);
    }

    synchronized void removeAddress(AddressEntry address) {
        List<AddressEntry> list = addressesByIndex.get(address.index());
        if (list != null) {
            list.removeIf(a -> a.address().equals(address.address()));
        }
    }

    /** The interface name for {@code index}, or {@code "if<index>"} when unknown. */
    String nameOf(int index) {
        LinkEntry link = linksByIndex.get(index);
        return link == null ? "if" + index : link.name();
    }

    /** The ifindex of the link named {@code name} as last seen, or 0 when there is none. */
    int indexOf(String name) {
        LinkEntry link = linkNamed(name);
        return link == null ? 0 : link.index();
    }

    Optional<LinkEntry> linkEntry(String name) {
        return Optional.ofNullable(linkNamed(name));
    }

    /** A plain loop: a takeover's address add asks this (no stream, no lambda). */
    private LinkEntry linkNamed(String name) {
        for (LinkEntry link : linksByIndex.values()) {
            if (name.equals(link.name())) {
                return link;
            }
        }
        return null;
    }

    List<AddressEntry> addressesOf(int index) {
        return new ArrayList<>(addressesByIndex.getOrDefault(index, List.of()));
    }

    Optional<LinkInfo> link(String name) {
        return linkEntry(name).map(this::toLinkInfo);
    }

    /**
     * The port's view of a link: the advert sources are the first primary IPv4 address and the
     * first link-local IPv6 address that is not deprecated (a deprecated one is a /128 VIP).
     */
    LinkInfo toLinkInfo(LinkEntry link) {
        Inet4Address primary = null;
        Inet6Address linkLocal = null;
        for (AddressEntry address : addressesOf(link.index())) {
            InetAddress ip = address.address();
            if (primary == null && ip instanceof Inet4Address v4 && (address.flags() & IFA_F_SECONDARY) == 0) {
                primary = v4;
            }
            if (linkLocal == null && ip instanceof Inet6Address v6 && v6.isLinkLocalAddress()
                && (address.flags() & IFA_F_DEPRECATED) == 0) {
                linkLocal = v6;
            }
        }
        return new LinkInfo(link.name(), link.index(), link.mac(), link.mtu(), link.up(), link.running(),
            primary, linkLocal);
    }
}
