package org.jkeepalived.netlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jkeepalived.netlink.rtm.NeighbourEntry;
import org.jkeepalived.netlink.rtm.RouteMessages;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.jkeepalived.vrrp.port.InterfacePort;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.jkeepalived.vrrp.port.PortEvent;
import org.jkeepalived.vrrp.port.PortListener;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's {@link InterfacePort}: rtnetlink (jnr-ffi) for addresses, links, routes, rules and
 * neighbours; a netlink monitor for link and address events; pcap4j for VRRP frames in and out;
 * raw protocol-112 sockets so unicast adverts draw no ICMP errors.
 *
 * <p>Threads: calls come from the event loop; events are posted from the monitor thread and one
 * reader thread per listened interface. All methods are thread-safe.
 */
public final class LinuxInterfacePort implements InterfacePort {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxInterfacePort.class);

    static {
        PcapLibrary.configure(); // before any pcap4j class loads its native library
    }

    /**
     * Makes the first call of each libc function the port uses now, harmlessly (see
     * {@code Native.prepareCalls}), so that the daemon's start-up helper thread, not its first
     * netlink request, pays for jnr-ffi's binding work.
     */
    public static void prepareNativeCalls() {
        Native.get().prepareCalls();
    }

    private final Rtnetlink rtnetlink;
    private final KernelState state = new KernelState();
    private final VmacLinks vmacs;
    private final int monitorBufferBytes;
    private final Map<String, PacketChannel> channels = new ConcurrentHashMap<>();
    private volatile PortListener listener;
    private NetlinkMonitor monitor;
    private ProtocolSink protocolSink;

    public LinuxInterfacePort() throws IOException {
        this(NetlinkMonitor.DEFAULT_BUFFER_BYTES);
    }

    /** @param monitorBufferBytes kernel receive buffer of the monitor socket, in bytes */
    public LinuxInterfacePort(int monitorBufferBytes) throws IOException {
        this.rtnetlink = new Rtnetlink();
        this.vmacs = new VmacLinks(rtnetlink);
        this.monitorBufferBytes = monitorBufferBytes;
    }

    @Override
    public synchronized void open(PortListener eventListener) throws IOException {
        if (monitor != null) {
            throw new IllegalStateException("port already open");
        }
        this.listener = eventListener;
        protocolSink = new ProtocolSink();
        monitor = new NetlinkMonitor(rtnetlink, state, this::onEvent, monitorBufferBytes);
        monitor.start();
    }

    /** Passes events on, and lets a reader waiting for its interface retry when the link is back. */
    private void onEvent(PortEvent event) {
        if (event instanceof PortEvent.LinkChanged changed && changed.link().up()) {
            PacketChannel channel = channels.get(changed.link().name());
            if (channel != null) {
                channel.wake();
            }
        } else if (event instanceof PortEvent.AddressAdded added && added.address() instanceof java.net.Inet6Address) {
            // IPv6 came back on (disable_ipv6=0 brings a link-local address): join ff02::12 now
            PacketChannel channel = channels.get(added.device());
            if (channel != null) {
                channel.retryIpv6Membership();
            }
        }
        PortListener current = listener;
        if (current != null) {
            current.onEvent(event);
        }
    }

    /**
     * Multicast groups to join, besides 224.0.0.18 and ff02::12, on every interface listened to
     * from now on ({@code vrrp_mcast_group4/6}); the kernel then accepts adverts sent to them.
     */
    public void alsoJoinMulticastGroups(java.util.Collection<java.net.InetAddress> groups) {
        MulticastMembership.alsoJoin(groups);
    }

    @Override
    public void listen(String device) throws IOException {
        channel(device).startReceiving();
    }

    @Override
    public void unlisten(String device) {
        PacketChannel channel = channels.remove(device);
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public Optional<LinkInfo> link(String device) {
        return state.link(device);
    }

    @Override
    public void addAddresses(List<VirtualAddress> addresses) throws IOException {
        rtnetlink.addAddresses(addresses, state::indexOf); // the monitor's view: no lookup per takeover
    }

    /** See {@link Rtnetlink#exerciseAddressPath}: changes nothing in the kernel. */
    public int exerciseAddressPath(VirtualAddress vip, int rounds) {
        return rtnetlink.exerciseAddressPath(vip, rounds);
    }

    @Override
    public void removeAddresses(List<VirtualAddress> addresses) throws IOException {
        rtnetlink.removeAddresses(addresses);
    }

    @Override
    public void sendFrame(String device, ByteBuffer frame) throws IOException {
        channel(device).send(frame);
    }

    @Override
    public Optional<byte[]> resolveNeighbour(String device, InetAddress peer) {
        try {
            int index = Rtnetlink.interfaceIndex(device);
            if (index == 0) {
                return Optional.empty();
            }
            RouteMessages.Lookup route = rtnetlink.routeTo(peer);
            InetAddress nextHop = route.gateway() != null ? route.gateway() : peer;
            int outputIndex = route.outputIndex() != 0 ? route.outputIndex() : index;
            Optional<NeighbourEntry> entry = rtnetlink.neighbour(outputIndex, nextHop);
            if (entry.isPresent() && entry.get().usable()) {
                return Optional.of(entry.get().mac());
            }
            rtnetlink.triggerResolution(outputIndex, nextHop);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot resolve neighbour {} on {}: {}", peer.getHostAddress(), device, e.getMessage());
            return Optional.empty();
        }
    }

    /** Adds routes ({@code virtual_routes}, {@code static_routes}) in one batch. */
    public void addRoutes(List<RouteSpec> routes) throws IOException {
        rtnetlink.addRoutes(routes);
    }

    /** Removes routes in one batch; a route already gone is not an error. */
    public void removeRoutes(List<RouteSpec> routes) throws IOException {
        rtnetlink.removeRoutes(routes);
    }

    /** Adds rules ({@code virtual_rules}, {@code static_rules}) in one batch. */
    public void addRules(List<RuleSpec> rules) throws IOException {
        rtnetlink.addRules(rules);
    }

    /** Removes rules in one batch; a rule already gone is not an error. */
    public void removeRules(List<RuleSpec> rules) throws IOException {
        rtnetlink.removeRules(rules);
    }

    /** The {@code use_vmac} macvlans (create, delete, leftovers). */
    public VmacLinks vmacs() {
        return vmacs;
    }

    /** How often the monitor lost events and re-read the kernel state. */
    public long resynchronisations() {
        NetlinkMonitor current = monitor;
        return current == null ? 0 : current.resynchronisations();
    }

    /** Frames dropped by the kernel because {@code device}'s capture buffer was full (current handle). */
    public long captureDrops(String device) {
        PacketChannel channel = channels.get(device);
        return channel == null ? 0 : channel.captureDrops();
    }

    /** Times the capture on {@code device} was reopened after its interface failed. */
    public long reopenCount(String device) {
        PacketChannel channel = channels.get(device);
        return channel == null ? 0 : channel.reopenCount();
    }

    private PacketChannel channel(String device) {
        return channels.computeIfAbsent(device, name -> new PacketChannel(name, this::onEvent, ownMacs(name)));
    }

    /** Our MACs as the receive filter should exclude them: the device's own, and VRRP VMACs on it. */
    private List<byte[]> ownMacs(String device) {
        List<byte[]> macs = new ArrayList<>();
        state.linkEntry(device).ifPresent(link -> {
            if (link.mac().length == 6) {
                macs.add(link.mac());
            }
        });
        return macs;
    }

    @Override
    public synchronized void close() {
        for (String device : new ArrayList<>(channels.keySet())) {
            unlisten(device);
        }
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        try {
            vmacs.deleteAll();
        } catch (IOException e) {
            LOG.warn("Cannot remove VMAC interfaces: {}", e.getMessage());
        }
        if (protocolSink != null) {
            protocolSink.close();
        }
        rtnetlink.close();
    }
}
