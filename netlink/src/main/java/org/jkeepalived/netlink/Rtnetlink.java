package org.jkeepalived.netlink;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import org.jkeepalived.netlink.rtm.AddressEntry;
import org.jkeepalived.netlink.rtm.AddressMessages;
import org.jkeepalived.netlink.rtm.LinkEntry;
import org.jkeepalived.netlink.rtm.LinkMessages;
import org.jkeepalived.netlink.rtm.Message;
import org.jkeepalived.netlink.rtm.MessageWriter;
import org.jkeepalived.netlink.rtm.NeighbourEntry;
import org.jkeepalived.netlink.rtm.NeighbourMessages;
import org.jkeepalived.netlink.rtm.RouteMessages;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleMessages;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.jkeepalived.netlink.rtm.Rtnl;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Requests to the kernel's routing subsystem over one rtnetlink socket: addresses, links,
 * macvlans, routes, rules and neighbours. Batches go in one {@code send} (split only past
 * {@link #MAX_BATCH_BYTES}) and every ACK is checked; a refused request raises an
 * {@link IOException} naming it and the kernel's reason.
 *
 * <p>Thread-safe: requests are serialised on the socket.
 */
public final class Rtnetlink implements AutoCloseable {
    /** Large enough for thousands of ACKs queued while the kernel processes one batch. */
    static final int COMMAND_SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;
    static final int MAX_BATCH_BYTES = 1024 * 1024;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int ENODEV = 19;
    private static final int EEXIST = 17;
    private static final int EADDRNOTAVAIL = 99;
    private static final Set<Integer> NONE_TOLERATED = Set.of();
    private static final Set<Integer> NO_SUCH_DEVICE = Set.of(ENODEV);

    private final NetlinkSocket socket;

    public Rtnetlink() throws IOException {
        socket = new NetlinkSocket(0, COMMAND_SOCKET_BUFFER_BYTES, 500);
    }

    /** The ifindex of {@code device} in this network namespace, or 0 when absent. */
    public static int interfaceIndex(String device) {
        return Native.get().interfaceIndex(device);
    }

    /** Adds (or refreshes) every address in one batch. */
    public synchronized void addAddresses(List<VirtualAddress> addresses) throws IOException {
        addAddresses(addresses, device -> 0);
    }

    /**
     * Adds (or refreshes) every address in one batch, taking each interface's index from
     * {@code knownIndex} when it gives one (not 0): a takeover's add then makes no
     * {@code if_nametoindex} call, a socket, an ioctl and a close that measured 60 µs, a third of
     * the add. An index that no longer names an interface (re-created since: ENODEV) is looked up
     * again and its addresses sent once more.
     */
    public synchronized void addAddresses(List<VirtualAddress> addresses, ToIntFunction<String> knownIndex)
            throws IOException {
        Batch batch = new Batch();
        Set<Integer> tolerated = NONE_TOLERATED;
        for (VirtualAddress vip : addresses) {
            int index = knownIndex.applyAsInt(vip.device());
            if (index > 0) {
                tolerated = NO_SUCH_DEVICE;
            } else {
                index = requireIndex(vip.device());
            }
            int seq = batch.next(new Request("RTM_NEWADDR", vip));
            AddressMessages.add(batch.writer, seq, vip, index);
            batch.flushIfFull(tolerated);
        }
        batch.finish(tolerated);
        if (!batch.refused.isEmpty()) {
            List<VirtualAddress> again = new ArrayList<>();
            for (Object refused : batch.refused) {
                again.add((VirtualAddress) ((Request) refused).subject());
            }
            addAddresses(again, device -> 0);
        }
    }

    /**
     * Runs the Java side of {@link #addAddresses} {@code rounds} times against the kernel with a
     * request it refuses without acting on it: {@code vip} on interface index 0, which no
     * interface has (ENODEV). A takeover runs that path once, between its advert and its first
     * gratuitous ARP; in a fresh JVM it runs interpreted, and that was most of the gap (measured:
     * 0.3 to 3 ms, the kernel's own part 40 to 90 µs). One request per lock hold, so a real
     * request waits for one round at most. Returns the rounds that got their ENODEV answer.
     */
    public int exerciseAddressPath(VirtualAddress vip, int rounds) {
        int answered = 0;
        for (int i = 0; i < rounds; i++) {
            synchronized (this) {
                try {
                    Batch batch = new Batch();
                    AddressMessages.add(batch.writer, batch.next(new Request("RTM_NEWADDR", vip)), vip, 0);
                    batch.finish(NO_SUCH_DEVICE);
                    answered++;
                } catch (IOException e) {
                    return answered; // the kernel answered otherwise: stop, nothing to warm
                }
            }
        }
        return answered;
    }

    /** Removes every address in one batch; addresses or interfaces already gone are skipped. */
    public synchronized void removeAddresses(List<VirtualAddress> addresses) throws IOException {
        Batch batch = new Batch();
        Set<Integer> gone = Set.of(EADDRNOTAVAIL, ENODEV);
        for (VirtualAddress vip : addresses) {
            int index = interfaceIndex(vip.device());
            if (index == 0) {
                continue;
            }
            int seq = batch.next(new Request("RTM_DELADDR", vip));
            AddressMessages.delete(batch.writer, seq, vip, index);
            batch.flushIfFull(gone);
        }
        batch.finish(gone);
    }

    /** Every link in the namespace. */
    public synchronized List<LinkEntry> links() throws IOException {
        List<LinkEntry> links = new ArrayList<>();
        for (Message message : socket.dump(LinkMessages::dumpRequest, Rtnl.RTM_NEWLINK)) {
            links.add(LinkMessages.parse(message.payload()));
        }
        return links;
    }

    /** Every address of every family in the namespace. */
    public synchronized List<AddressEntry> addresses() throws IOException {
        List<AddressEntry> addresses = new ArrayList<>();
        for (Message message : socket.dump(AddressMessages::dumpRequest, Rtnl.RTM_NEWADDR)) {
            addresses.add(AddressMessages.parse(message.payload()));
        }
        return addresses;
    }

    /**
     * Creates a private-mode macvlan {@code name} on {@code parent} with {@code mac}, and sets
     * IPv6 addrgenmode none while it is still down, so no link-local address is derived from the
     * virtual MAC. It is left down. Returns its ifindex.
     */
    public synchronized int createMacvlan(String name, String parent, byte[] mac) throws IOException {
        int parentIndex = requireIndex(parent);
        request("RTM_NEWLINK macvlan " + name + " link " + parent,
            (w, seq) -> LinkMessages.createMacvlan(w, seq, name, parentIndex, mac));
        int index = requireIndex(name);
        if (Ipv6Support.of(name) == Ipv6Support.ABSENT) {
            // ipv6.disable=1: no link-local to suppress, and the kernel refuses AF_INET6 link settings
            return index;
        }
        // The kernel refuses IFLA_AF_SPEC on creation: set it now, before the link goes up.
        request("RTM_NEWLINK " + name + " addrgenmode none",
            (w, seq) -> LinkMessages.setAddrGenModeNone(w, seq, index));
        return index;
    }

    /** Sets a link administratively up or down. */
    public synchronized void setLinkUp(String device, boolean up) throws IOException {
        int index = requireIndex(device);
        request("RTM_NEWLINK " + device + (up ? " up" : " down"),
            (w, seq) -> LinkMessages.setUp(w, seq, index, up));
    }

    /** Deletes a link; a link that is already gone is not an error. */
    public synchronized void deleteLink(String device) throws IOException {
        int index = interfaceIndex(device);
        if (index == 0) {
            return;
        }
        Batch batch = new Batch();
        LinkMessages.delete(batch.writer, batch.next(new Request("RTM_DELLINK", device)), index);
        batch.finish(Set.of(ENODEV));
    }

    public synchronized void addRoutes(List<RouteSpec> routes) throws IOException {
        Batch batch = new Batch();
        for (RouteSpec route : routes) {
            RouteMessages.add(batch.writer, batch.next(new Request("RTM_NEWROUTE", route)), route);
            batch.flushIfFull(Set.of());
        }
        batch.finish(Set.of());
    }

    /** Deletes routes; a route that is already gone is not an error. */
    public synchronized void removeRoutes(List<RouteSpec> routes) throws IOException {
        Batch batch = new Batch();
        for (RouteSpec route : routes) {
            RouteMessages.delete(batch.writer, batch.next(new Request("RTM_DELROUTE", route)), route);
            batch.flushIfFull(Set.of(ESRCH));
        }
        batch.finish(Set.of(ESRCH));
    }

    /** Adds rules; a rule that exists already is not an error. */
    public synchronized void addRules(List<RuleSpec> rules) throws IOException {
        Batch batch = new Batch();
        for (RuleSpec rule : rules) {
            RuleMessages.add(batch.writer, batch.next(new Request("RTM_NEWRULE", rule)), rule);
            batch.flushIfFull(Set.of(EEXIST));
        }
        batch.finish(Set.of(EEXIST));
    }

    /** Deletes rules; a rule that is already gone is not an error. */
    public synchronized void removeRules(List<RuleSpec> rules) throws IOException {
        Batch batch = new Batch();
        for (RuleSpec rule : rules) {
            RuleMessages.delete(batch.writer, batch.next(new Request("RTM_DELRULE", rule)), rule);
            batch.flushIfFull(Set.of(ENOENT));
        }
        batch.finish(Set.of(ENOENT));
    }

    /** The kernel's route to {@code destination}: gateway (null when on-link) and output ifindex. */
    public synchronized RouteMessages.Lookup routeTo(InetAddress destination) throws IOException {
        int seq = socket.nextSequence();
        MessageWriter writer = new MessageWriter(64);
        RouteMessages.lookup(writer, seq, destination);
        socket.send(writer);
        long deadline = System.nanoTime() + NetlinkSocket.ANSWER_DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            for (Message message : socket.receive()) {
                if (message.sequence() != seq) {
                    continue;
                }
                if (message.type() == Rtnl.NLMSG_ERROR) {
                    int errno = -message.errorCode();
                    throw new IOException("RTM_GETROUTE " + destination.getHostAddress() + ": "
                        + Native.get().describe(errno) + " (errno " + errno + ")");
                }
                if (message.type() == Rtnl.RTM_NEWROUTE) {
                    return RouteMessages.parseLookup(message.payload());
                }
            }
        }
        throw new IOException("RTM_GETROUTE " + destination.getHostAddress() + ": no answer");
    }

    /** The neighbour entry for {@code address} on {@code index}, if the kernel has one. */
    public synchronized Optional<NeighbourEntry> neighbour(int index, InetAddress address) throws IOException {
        int family = address.getAddress().length == 4 ? Rtnl.AF_INET : Rtnl.AF_INET6;
        BiConsumer<MessageWriter, Integer> request = (w, seq) -> NeighbourMessages.dumpRequest(w, seq, family);
        for (Message message : socket.dump(request, Rtnl.RTM_NEWNEIGH)) {
            NeighbourEntry entry = NeighbourMessages.parse(message.payload());
            if (entry.index() == index && address.equals(entry.address())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Asks the kernel to resolve {@code address} on {@code index} (it sends ARP or NS). */
    public synchronized void triggerResolution(int index, InetAddress address) throws IOException {
        request("RTM_NEWNEIGH use " + address.getHostAddress(),
            (w, seq) -> NeighbourMessages.triggerResolution(w, seq, index, address));
    }

    @Override
    public void close() {
        socket.close();
    }

    private void request(String description, BiConsumer<MessageWriter, Integer> message) throws IOException {
        Batch batch = new Batch();
        message.accept(batch.writer, batch.next(description));
        batch.finish(Set.of());
    }

    private static int requireIndex(String device) throws IOException {
        int index = interfaceIndex(device);
        if (index == 0) {
            throw new IOException("interface " + device + " does not exist");
        }
        return index;
    }

    /**
     * A request's description for error messages, rendered only when the kernel refuses it: a
     * takeover's address add builds no strings.
     */
    private record Request(String type, Object subject) {
        @Override
        public String toString() {
            if (subject instanceof VirtualAddress vip) {
                return type + " " + vip.address().getHostAddress() + "/" + vip.prefixLength() + " dev " + vip.device();
            }
            return type + " " + subject;
        }
    }

    /** Messages written so far and their descriptions by sequence. */
    private final class Batch {
        MessageWriter writer = new MessageWriter(4096);
        Map<Integer, Object> descriptions = new LinkedHashMap<>();
        /** Requests the kernel refused with a tolerated errno. */
        final List<Object> refused = new ArrayList<>();

        int next(Object description) {
            int seq = socket.nextSequence();
            descriptions.put(seq, description);
            return seq;
        }

        void flushIfFull(Set<Integer> tolerated) throws IOException {
            if (writer.size() >= MAX_BATCH_BYTES) {
                finish(tolerated);
                writer = new MessageWriter(4096);
                descriptions = new LinkedHashMap<>();
            }
        }

        void finish(Set<Integer> tolerated) throws IOException {
            if (!descriptions.isEmpty()) {
                refused.addAll(socket.requestAcks(writer, descriptions, tolerated));
            }
        }
    }
}
