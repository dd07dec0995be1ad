package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.loop.Timed;
import org.jkeepalived.daemon.notify.DaemonServices;
import org.jkeepalived.daemon.notify.NotifyState;
import org.jkeepalived.vrrp.port.InterfacePort;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.DualMasterEvent;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceSink;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running VRRP instance: the core's {@link org.jkeepalived.vrrp.state.VrrpInstance} plus
 * the daemon side of its actions (frames and VIPs through the {@link InterfacePort},
 * notifications through {@link DaemonServices}, log lines through slf4j) and its timer in the
 * {@link EventLoop}. Loop thread only.
 */
public final class InstanceRuntime extends Timed implements InstanceSink {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    /** Re-ask the kernel for a unicast peer's MAC this often (it may change, e.g. after a failover). */
    private static final long NEIGHBOUR_REFRESH_NANOS = 10_000_000_000L;

    private VrrpInstance config;
    private InstanceSettings settings;
    private final org.jkeepalived.vrrp.state.VrrpInstance core;
    private final String sendDevice;
    private final String receiveDevice;
    private final InterfacePort port;
    private final EventLoop loop;
    private final Map<InetAddress, byte[]> neighbourMacs = new HashMap<>();
    private final Map<InetAddress, Long> neighbourCheckedAt = new HashMap<>();
    private final boolean logDetail;
    private DaemonServices services;
    private long sendErrors;
    private long addressErrors;
    private long lastTransitionMillis;
    private long transitions;
    /** Told (on the loop thread) after an event changed the state or the effective priority. */
    private Runnable changeListener = () -> { };
    /** During a reload: VIP changes are collected here and applied once every instance is done. */
    private AddressBatch reloadBatch;
    /** Being removed by a reload: its STOP is reported as keepalived's DELETED. */
    private boolean deleting;
    private boolean faultWhenDeleted;
    /** The IP destination of this instance's multicast adverts (its group), as raw bytes. */
    private byte[] multicastGroup;
    /** The latest time the core was given; the core's clock never goes back. */
    private long lastHandledNanos = Long.MIN_VALUE;
    /** {@code virtual_routes}/{@code virtual_rules}: set after the VIPs, removed before them. */
    private InstanceRoutes routes;
    private RouteTable kernelRoutes;
    /** During a reload: route and rule changes are collected here (see {@link RouteBatch}). */
    private RouteBatch reloadRoutes;
    /** The core is taking a reload's settings: its VIP calls are diffs, not MASTER entry or exit. */
    private boolean reconfiguring;

    InstanceRuntime(VrrpInstance config, InstanceSettings settings, String sendDevice, String receiveDevice,
                    InterfacePort port, EventLoop loop, boolean logDetail) {
        this.config = config;
        this.logDetail = logDetail;
        this.settings = settings;
        this.sendDevice = sendDevice;
        this.receiveDevice = receiveDevice;
        this.port = port;
        this.loop = loop;
        this.core = new org.jkeepalived.vrrp.state.VrrpInstance(settings, this);
        this.multicastGroup = groupOf(settings);
    }

    private static byte[] groupOf(InstanceSettings settings) {
        return settings.multicastGroup() != null ? settings.multicastGroup().getAddress()
                : org.jkeepalived.vrrp.codec.Destination.multicast(settings.family()).address();
    }

    /**
     * Whether a multicast advert sent to {@code view}'s destination is for this instance: only its
     * own group, as keepalived only receives the group its socket joined.
     */
    boolean acceptsMulticastDestination(org.jkeepalived.vrrp.codec.AdvertView view) {
        return view.destinationAddressEquals(multicastGroup);
    }

    void attach(DaemonServices services) {
        this.services = services;
    }

    /** Gives the instance its virtual routes and rules and where to install them. */
    void attachRoutes(InstanceRoutes instanceRoutes, RouteTable kernel) {
        this.routes = instanceRoutes;
        this.kernelRoutes = kernel;
    }

    /** Starts (non-null) or ends (null) a reload's collection of route and rule changes. */
    void collectRouteChanges(RouteBatch batch) {
        this.reloadRoutes = batch;
    }

    private RouteTable routeTable() {
        return reloadRoutes != null ? reloadRoutes : kernelRoutes;
    }

    /** Virtual route/rule kernel errors so far. */
    public long routeErrors() {
        return routes == null ? 0 : routes.errors();
    }

    /** Feeds one event to the core and re-arms the instance timer at the deadline it returns. */
    public void handle(InstanceEvent event) {
        handleAt(event, loop.now());
    }

    /**
     * A received advert, handled as of its arrival ({@code receivedNanos}, {@link System#nanoTime()})
     * rather than of the loop turn that drains it: timers it restarts (Master_Down_Interval,
     * Skew_Time after a priority 0) run from when it was on the wire, as RFC 5798 means, even
     * when the loop was busy or descheduled meanwhile (29 ms measured on a loaded machine). Never
     * earlier than an event the core has already seen, so the core's time does not go back.
     */
    void handleReceived(InstanceEvent event, long receivedNanos) {
        handleAt(event, Math.min(loop.now(), Math.max(receivedNanos, lastHandledNanos)));
    }

    private void handleAt(InstanceEvent event, long nowNanos) {
        lastHandledNanos = Math.max(lastHandledNanos, nowNanos);
        org.jkeepalived.vrrp.state.VrrpState stateBefore = core.state();
        int priorityBefore = core.effectivePriority();
        long next = core.handle(event, nowNanos);
        loop.schedule(this, next);
        reportChange(stateBefore, priorityBefore);
    }

    private void reportChange(org.jkeepalived.vrrp.state.VrrpState stateBefore, int priorityBefore) {
        if (core.state() != stateBefore || core.effectivePriority() != priorityBefore) {
            changeListener.run();
        }
    }

    /**
     * Sets who is told after an event changed the state or effective priority, or opened or
     * closed a dual-master episode (the status snapshot).
     */
    public void onChange(Runnable listener) {
        this.changeListener = listener;
    }

    /**
     * SIGHUP matched this instance to {@code newConfig}: the core takes the new settings and the
     * tracker totals of the new configuration in one step, keeping its state and counters.
     */
    void reconfigure(VrrpInstance newConfig, InstanceSettings newSettings, InstanceEvent.TrackerTotals totals) {
        this.config = newConfig;
        this.settings = newSettings;
        this.multicastGroup = groupOf(newSettings);
        reconfiguring = true;
        try {
            handle(new InstanceEvent.Reconfigure(newSettings, totals));
        } finally {
            reconfiguring = false;
        }
        if (routes != null) {
            routes.reconfigure(newConfig.virtualRoutes(), newConfig.virtualRules(), routeTable());
        }
    }

    /**
     * SIGHUP removed this instance: a MASTER sends priority 0 and releases its VIPs, and the
     * notification is DELETED (FAULT without {@code notify_deleted}; none for an instance
     * already in FAULT without it, as keepalived does). The timer is cancelled.
     */
    void delete() {
        deleting = true;
        faultWhenDeleted = core.state() == org.jkeepalived.vrrp.state.VrrpState.FAULT;
        handle(new InstanceEvent.Stop(true));
        loop.cancel(this);
    }

    /** Starts (non-null) or ends (null) a reload's collection of VIP changes. */
    void collectAddressChanges(AddressBatch batch) {
        this.reloadBatch = batch;
    }

    /** Re-arms the timer after another member of the sync group moved this instance. */
    void rearm() {
        loop.schedule(this, core.nextDeadlineNanos());
    }

    @Override
    protected void fire(long nowNanos) {
        lastHandledNanos = Math.max(lastHandledNanos, nowNanos);
        org.jkeepalived.vrrp.state.VrrpState stateBefore = core.state();
        int priorityBefore = core.effectivePriority();
        long next = core.handle(InstanceEvent.TimerExpired.INSTANCE, nowNanos);
        loop.schedule(this, next);
        reportChange(stateBefore, priorityBefore);
    }

    public org.jkeepalived.vrrp.state.VrrpInstance core() {
        return core;
    }

    public VrrpInstance config() {
        return config;
    }

    public InstanceSettings settings() {
        return settings;
    }

    public String name() {
        return config.name();
    }

    public String sendDevice() {
        return sendDevice;
    }

    public String receiveDevice() {
        return receiveDevice;
    }

    public long sendErrors() {
        return sendErrors;
    }

    public long addressErrors() {
        return addressErrors;
    }

    /** Wall-clock time of the last state change, for status output; 0 before the first. */
    public long lastTransitionMillis() {
        return lastTransitionMillis;
    }

    /** State changes (to MASTER, BACKUP or FAULT) since the instance was built. */
    public long transitions() {
        return transitions;
    }

    // ---- InstanceSink ----

    @Override
    public void sendFrame(ByteBuffer frame) {
        try {
            port.sendFrame(sendDevice, frame);
        } catch (IOException e) {
            sendErrors++;
            if (sendErrors == 1 || Long.bitCount(sendErrors) == 1) {
                LOG.warn("({}) Failed to send on {}: {} ({} send errors so far)", name(), sendDevice, e.getMessage(), sendErrors);
            }
        }
    }

    @Override
    public byte[] unicastPeerMac(InetAddress peer) {
        long now = loop.now();
        Long checked = neighbourCheckedAt.get(peer);
        byte[] known = neighbourMacs.get(peer);
        if (known != null && checked != null && now - checked < NEIGHBOUR_REFRESH_NANOS) {
            return known;
        }
        neighbourCheckedAt.put(peer, now);
        byte[] mac = port.resolveNeighbour(sendDevice, peer).orElse(null);
        if (mac == null) {
            return known;
        }
        if (known != null && java.util.Arrays.equals(known, mac)) {
            return known;
        }
        neighbourMacs.put(peer, mac);
        return mac;
    }

    /**
     * Outside a reload's settings change the core adds VIPs only as it becomes MASTER: the
     * virtual routes, then rules, follow them (keepalived's order).
     */
    @Override
    public void addAddresses(List<VirtualAddress> addresses) {
        addVips(addresses);
        if (!reconfiguring && routes != null) {
            routes.install(routeTable());
        }
    }

    private void addVips(List<VirtualAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        if (reloadBatch != null) {
            reloadBatch.add(addresses);
            return;
        }
        try {
            port.addAddresses(addresses);
        } catch (IOException e) {
            addressErrors++;
            LOG.error("({}) Failed to add VIPs: {}", name(), e.getMessage());
        }
    }

    /**
     * Outside a reload's settings change the core removes VIPs as it leaves MASTER (or at
     * startup, for leftovers): rules, then routes, go first (keepalived's order).
     */
    @Override
    public void removeAddresses(List<VirtualAddress> addresses) {
        if (!reconfiguring && routes != null) {
            routes.remove(routeTable());
        }
        if (addresses.isEmpty()) {
            return;
        }
        if (reloadBatch != null) {
            reloadBatch.remove(addresses);
            return;
        }
        try {
            port.removeAddresses(addresses);
        } catch (IOException e) {
            addressErrors++;
            LOG.error("({}) Failed to remove VIPs: {}", name(), e.getMessage());
        }
    }

    @Override
    public void notify(NotifyEvent event, int effectivePriority) {
        if (event == NotifyEvent.MASTER || event == NotifyEvent.BACKUP || event == NotifyEvent.FAULT) {
            lastTransitionMillis = System.currentTimeMillis();
            transitions++;
        }
        if (services == null) {
            return;
        }
        if (deleting && event == NotifyEvent.STOP) {
            // keepalived: DELETED (or FAULT) unless it was in FAULT already and notify_deleted is not set.
            if (!faultWhenDeleted || config.notifyScripts().containsKey("notify_deleted")
                    || config.otherSettings().containsKey("notify_deleted")) {
                services.instanceState(name(), NotifyState.DELETED, effectivePriority);
            }
            return;
        }
        switch (event) {
            case MASTER -> services.instanceState(name(), NotifyState.MASTER, effectivePriority);
            case BACKUP -> services.instanceState(name(), NotifyState.BACKUP, effectivePriority);
            case FAULT -> services.instanceState(name(), NotifyState.FAULT, effectivePriority);
            case STOP -> services.instanceState(name(), NotifyState.STOP, effectivePriority);
            case MASTER_RX_LOWER_PRI -> services.masterReceivedLowerPriority(name(), effectivePriority);
            case MASTER_PRIORITY -> services.priorityChanged(name(), true, effectivePriority);
            case BACKUP_PRIORITY -> services.priorityChanged(name(), false, effectivePriority);
        }
    }

    @Override
    public void dualMaster(DualMasterEvent event) {
        // /status and /metrics show an episode as soon as it opens or closes, not up to 1 s later.
        changeListener.run();
        if (services != null) {
            services.dualMaster(name(), event.opened(), event.peer().getHostAddress(), event.effectivePriority());
        }
    }

    @Override
    public void log(String line, boolean detail) {
        if (!detail || logDetail) {
            LOG.info(line);
        }
    }
}
