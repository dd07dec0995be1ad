package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.notify.DaemonServices;
import org.jkeepalived.daemon.notify.NotifyState;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.track.TrackedSource;
import org.jkeepalived.daemon.track.TrackerSet;
import org.jkeepalived.netlink.LinuxInterfacePort;
import org.jkeepalived.netlink.VmacLinks;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.jkeepalived.vrrp.port.PortEvent;
import org.jkeepalived.vrrp.state.AddressText;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.SyncGroup;
import org.jkeepalived.vrrp.state.SyncGroupSink;
import org.jkeepalived.vrrp.state.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP side of the daemon: builds a running instance for every {@code vrrp_instance} of a
 * configuration, connects it to the kernel through the {@link LinuxInterfacePort} and to the
 * trackers and notifications of {@link DaemonServices}, and routes kernel events and received
 * frames to it. Every method runs on the {@link EventLoop} thread; the port's threads only post.
 */
public final class VrrpService {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final EventLoop loop;
    private final LinuxInterfacePort port;
    private final Map<String, InstanceRuntime> instances = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Map<InstanceRuntime, TrackerSet> trackerSets = new HashMap<>();
    private final FrameDispatcher dispatcher;
    private final KernelAddresses addresses = new KernelAddresses();
    private final RouteTable kernelRoutes;
    private final StaticRouting staticRouting;
    private KeepalivedConfig config;
    private DaemonServices services;
    private boolean stopped;
    /** {@code vrrp_startup_delay}: adverts received before {@link #ignoreAdvertsUntilNanos} are dropped. */
    private boolean delayingStartup;
    private long ignoreAdvertsUntilNanos;
    /** Longest time a received frame waited for the loop (capture to dispatch). */
    private long maxReceiveQueueNanos;
    private String hostName;
    private String userName;

    private final boolean logDetail;
    private Runnable instanceChangeListener = () -> { };

    /**
     * @param logUnknownVrids keepalived's {@code log_unknown_vrids}
     * @param logDetail       {@code -D}: also log keepalived's detailed lines
     */
    public VrrpService(EventLoop loop, LinuxInterfacePort port, boolean logUnknownVrids, boolean logDetail) {
        this.loop = loop;
        this.logDetail = logDetail;
        this.port = port;
        this.dispatcher = new FrameDispatcher(logUnknownVrids);
        this.kernelRoutes = RouteTable.of(port);
        this.staticRouting = new StaticRouting(port, kernelRoutes, org.jkeepalived.netlink.Rtnetlink::interfaceIndex,
                this::logDetailLine);
    }

    private void logDetailLine(String line) {
        if (logDetail) {
            LOG.info(line);
        }
    }

    /** The listener the port is opened with: frames and kernel events are posted into the loop. */
    public void onPortEvent(PortEvent event) {
        if (event instanceof PortEvent.FrameReceived frame) {
            loop.postPacket(() -> {
                if (!stopped && !inStartupDelay(frame.receivedNanos())) {
                    long queued = loop.now() - frame.receivedNanos();
                    if (queued > maxReceiveQueueNanos) {
                        maxReceiveQueueNanos = queued;
                        LOG.debug("receive queue delay now up to {} us", queued / 1000);
                    }
                    dispatcher.dispatch(frame.device(), frame.frame(), frame.receivedNanos());
                }
            });
        } else {
            loop.postKernelEvent(() -> onKernelEvent(event));
        }
    }

    /** Starts every instance of {@code newConfig}: stale VIPs removed, then INIT → BACKUP/MASTER/FAULT. */
    public void start(KeepalivedConfig newConfig, ScriptChecker checker, String hostName, String userName)
            throws IOException {
        this.config = newConfig;
        this.hostName = hostName;
        this.userName = userName;
        removeLeftoverVmacs(newConfig);
        staticRouting.start(newConfig);
        joinConfiguredGroups(newConfig);
        for (VrrpInstance instance : newConfig.vrrpInstances()) {
            InstanceRuntime runtime = build(instance);
            if (runtime != null) {
                instances.put(instance.name(), runtime);
                dispatcher.register(runtime);
            }
        }
        for (VrrpSyncGroup group : newConfig.syncGroups()) {
            SyncGroup core = new SyncGroup(group.name(), group.trackingWeight(), groupSink(group.name()));
            for (String member : group.members()) {
                InstanceRuntime r = instances.get(member);
                if (r != null) {
                    core.add(r.core());
                }
            }
            groups.put(group.name(), core);
        }
        services = DaemonServices.create(newConfig, checker, loop, this::onTrackerChange, null, hostName, userName);
        for (InstanceRuntime r : instances.values()) {
            r.attach(services);
            VrrpSyncGroup group = groupOf(r.config());
            TrackerSet set = services.trackerSetFor(r.config(), group, this::interfaceRunning);
            trackerSets.put(r, set);
        }
        for (InstanceRuntime r : instances.values()) {
            port.listen(r.receiveDevice());
            TrackerSet set = trackerSets.get(r);
            r.handle(new InstanceEvent.TrackerTotals(set.totalWeight(), set.inFault()));
        }
        long delayNanos = SettingsMapper.startupDelayNanos(newConfig);
        if (delayNanos > 0) {
            LOG.info("Delaying startup for {} seconds", java.math.BigDecimal.valueOf(delayNanos, 9)
                    .stripTrailingZeros().toPlainString());
            ignoreAdvertsUntilNanos = loop.now() + delayNanos;
            delayingStartup = true;
        }
        for (InstanceRuntime r : instances.values()) {
            r.handle(new InstanceEvent.Start(interfaceRunning(r.config().interfaceName()) && sourceReady(r, true),
                    delayNanos));
        }
        rearmAll();
    }

    /**
     * Orderly shutdown: each MASTER sends priority 0 and removes its VIPs (unless
     * {@code dontRelease}, keepalived's {@code -V}), STOP notifications, then trackers and VMACs go.
     */
    public void stop(boolean dontRelease) {
        if (stopped) {
            return;
        }
        for (InstanceRuntime r : instances.values()) {
            r.handle(new InstanceEvent.Stop(!dontRelease));
            loop.cancel(r);
        }
        staticRouting.stop();
        stopped = true;
        addresses.close();
        if (services != null) {
            services.close();
        }
    }

    /**
     * SIGHUP with a configuration that passed the checks: keepalived's typed diff
     * ({@link ConfigDiff}, keepalived-runtime.md §2). Removed instances stop first (a MASTER sends
     * priority 0 and releases its VIPs; notify DELETED, or FAULT without {@code notify_deleted});
     * matched ones take their new settings in place, keeping state, VIPs, timers and counters (a
     * MASTER adds and removes only the VIPs that changed, then re-asserts with an advert); new ones
     * start in INIT. The VIP changes of the whole reload reach the kernel removals first. An
     * instance whose sync group or VMAC changed is stopped and started again (the core cannot
     * move a running instance between groups). Trackers and notifications are rebuilt with the
     * script results carried over.
     *
     * @return the diff that was applied
     * @throws IOException when the new trackers cannot be set up (inotify)
     */
    public ConfigDiff reload(KeepalivedConfig next, ScriptChecker checker) throws IOException {
        ConfigDiff diff = ConfigDiff.of(config, next);
        Set<String> restarted = diff.restartedNames(config);
        AddressBatch batch = new AddressBatch();
        RouteBatch routeBatch = new RouteBatch();
        instances.values().forEach(r -> r.collectAddressChanges(batch));
        instances.values().forEach(r -> r.collectRouteChanges(routeBatch));
        List<InstanceRuntime> created = new ArrayList<>();
        try {
            joinConfiguredGroups(next);
            dropChangedGroups(next, restarted);
            for (VrrpInstance removed : diff.removed()) {
                LOG.info("({}) removed by the new configuration", removed.name());
                removeInstance(removed.name(), removed.useVmac() != null);
            }
            for (ConfigDiff.Matched m : diff.matched()) {
                if (restarted.contains(m.before().name())) {
                    LOG.info("({}) {} changed - restarting the instance", m.before().name(), m.changes());
                    removeInstance(m.before().name(), m.changes().contains(ConfigDiff.Change.VMAC));
                }
            }
            config = next;
            services = DaemonServices.create(next, checker, loop, this::onTrackerChange, services, hostName, userName);
            Map<String, InstanceRuntime> byNewName = reconfigureMatched(diff, restarted);
            for (VrrpInstance instance : next.vrrpInstances()) {
                if (!byNewName.containsKey(instance.name())) {
                    InstanceRuntime runtime = build(instance);
                    if (runtime != null) {
                        runtime.collectAddressChanges(batch);
                        runtime.collectRouteChanges(routeBatch);
                        dispatcher.register(runtime);
                        created.add(runtime);
                        byNewName.put(instance.name(), runtime);
                    }
                }
            }
            instances.clear();
            for (VrrpInstance instance : next.vrrpInstances()) {
                InstanceRuntime runtime = byNewName.get(instance.name());
                if (runtime != null) {
                    instances.put(instance.name(), runtime);
                }
            }
            Set<String> keptGroups = Set.copyOf(groups.keySet());
            addNewGroups(next);
            startCreated(created);
            Set<String> keptInstances = new java.util.HashSet<>(instances.keySet());
            created.forEach(r -> keptInstances.remove(r.name()));
            writeStatesAfterReload(keptGroups, keptInstances);
        } finally {
            instances.values().forEach(r -> r.collectAddressChanges(null));
            instances.values().forEach(r -> r.collectRouteChanges(null));
            routeBatch.applyRemovals(kernelRoutes);
            batch.apply(port);
            routeBatch.applyAdditions(kernelRoutes);
            staticRouting.reload(next);
        }
        rearmAll();
        LOG.info("Reload: {} instance(s) kept, {} removed, {} added", diff.matched().size() - restarted.size(),
                diff.removed().size() + restarted.size(), created.size());
        return diff;
    }

    /**
     * SIGHUP with an identical configuration: nothing changes, but keepalived still re-writes the
     * states to the FIFOs when {@code fifo_write_vrrp_states_on_reload} is set.
     */
    public void reloadedUnchanged() {
        writeStatesAfterReload(groups.keySet(), instances.keySet());
    }

    /**
     * keepalived 2.2.7's {@code fifo_write_vrrp_states_on_reload} (its {@code vrrp_init_state},
     * verified in a namespace): every sync group the reload kept writes its state line, then every
     * kept instance that is not MASTER (a reloaded MASTER re-asserts instead and writes nothing),
     * in configuration order; new instances and groups notify as at startup instead.
     */
    private void writeStatesAfterReload(Set<String> keptGroups, Set<String> keptInstances) {
        if (services == null || !config.globalDefs().otherSettings().containsKey("fifo_write_vrrp_states_on_reload")) {
            return;
        }
        for (VrrpSyncGroup group : config.syncGroups()) {
            SyncGroup core = groups.get(group.name());
            if (core != null && keptGroups.contains(group.name())) {
                notifyState(core.state()).ifPresent(state -> services.fifoGroupState(group.name(), state));
            }
        }
        for (InstanceRuntime r : instances.values()) {
            VrrpState state = r.core().state();
            if (keptInstances.contains(r.name()) && state != VrrpState.MASTER) {
                notifyState(state).ifPresent(s -> services.fifoInstanceState(r.name(), s, r.core().effectivePriority()));
            }
        }
    }

    private static Optional<NotifyState> notifyState(VrrpState state) {
        return switch (state) {
            case MASTER -> Optional.of(NotifyState.MASTER);
            case BACKUP -> Optional.of(NotifyState.BACKUP);
            case FAULT -> Optional.of(NotifyState.FAULT);
            case INIT -> Optional.empty();
        };
    }

    /** Matched instances take the new settings (and the new trackers' totals) in place; returns them by new name. */
    private Map<String, InstanceRuntime> reconfigureMatched(ConfigDiff diff, Set<String> restarted) {
        Map<String, InstanceRuntime> byNewName = new LinkedHashMap<>();
        for (ConfigDiff.Matched m : diff.matched()) {
            InstanceRuntime runtime = instances.get(m.before().name());
            if (runtime == null || restarted.contains(m.before().name())) {
                continue;
            }
            InstanceSettings settings;
            try {
                settings = settingsFor(m.after(), runtime);
            } catch (IllegalArgumentException e) {
                LOG.error("({}) cannot take the new configuration: {} - removing it", m.after().name(), e.getMessage());
                removeInstance(m.before().name(), false);
                continue;
            }
            if (!m.unchanged()) {
                LOG.info("({}) reloaded, keeping its {} state: {} changed", m.after().name(), runtime.core().state(),
                        m.changes());
            }
            runtime.attach(services);
            TrackerSet set = services.trackerSetFor(m.after(), groupOf(m.after()), this::interfaceRunning);
            trackerSets.put(runtime, set);
            runtime.reconfigure(m.after(), settings, new InstanceEvent.TrackerTotals(set.totalWeight(), set.inFault()));
            byNewName.put(m.after().name(), runtime);
        }
        return byNewName;
    }

    /** The core settings of a matched instance on the interfaces it already runs on (VMAC included). */
    private InstanceSettings settingsFor(VrrpInstance instance, InstanceRuntime running) {
        boolean onVmac = !running.sendDevice().equals(running.receiveDevice());
        byte[] sourceMac = onVmac ? VmacLinks.virtualMac(instance.virtualRouterId(),
                instance.family() == org.jkeepalived.config.model.AddressFamily.IPV6) : null;
        LinkInfo link = port.link(running.receiveDevice()).orElse(null);
        return SettingsMapper.map(instance, config.globalDefs(), link, sourceMac, running.sendDevice());
    }

    /** Stops an instance a reload removed (or restarts) and forgets it; its VMAC goes when asked. */
    private void removeInstance(String name, boolean deleteVmac) {
        InstanceRuntime runtime = instances.remove(name);
        if (runtime == null) {
            return;
        }
        runtime.delete();
        dispatcher.unregister(runtime);
        trackerSets.remove(runtime);
        if (deleteVmac && !runtime.sendDevice().equals(runtime.receiveDevice())) {
            try {
                port.vmacs().delete(runtime.sendDevice());
            } catch (IOException e) {
                LOG.warn("({}) Unable to delete VMAC interface {}: {}", name, runtime.sendDevice(), e.getMessage());
            }
        }
    }

    /** Groups that are gone, changed or have a restarted member are dropped (their members restart). */
    private void dropChangedGroups(KeepalivedConfig next, Set<String> restarted) {
        for (VrrpSyncGroup old : config.syncGroups()) {
            VrrpSyncGroup updated = next.syncGroups().stream().filter(g -> g.name().equals(old.name())).findFirst()
                    .orElse(null);
            if (!old.equals(updated) || old.members().stream().anyMatch(restarted::contains)) {
                groups.remove(old.name());
            }
        }
    }

    /** Builds the sync groups the reload introduced (or rebuilt) from their freshly built members. */
    private void addNewGroups(KeepalivedConfig next) {
        for (VrrpSyncGroup group : next.syncGroups()) {
            if (groups.containsKey(group.name())) {
                continue;
            }
            SyncGroup core = new SyncGroup(group.name(), group.trackingWeight(), groupSink(group.name()));
            for (String member : group.members()) {
                InstanceRuntime r = instances.get(member);
                if (r != null) {
                    core.add(r.core());
                }
            }
            groups.put(group.name(), core);
        }
    }

    /** New instances of a reload start as at startup: trackers first, then INIT → BACKUP/MASTER/FAULT. */
    private void startCreated(List<InstanceRuntime> created) throws IOException {
        for (InstanceRuntime r : created) {
            r.attach(services);
            TrackerSet set = services.trackerSetFor(r.config(), groupOf(r.config()), this::interfaceRunning);
            trackerSets.put(r, set);
            port.listen(r.receiveDevice());
            r.handle(new InstanceEvent.TrackerTotals(set.totalWeight(), set.inFault()));
        }
        for (InstanceRuntime r : created) {
            r.handle(new InstanceEvent.Start(interfaceRunning(r.config().interfaceName()) && sourceReady(r, true)));
        }
    }

    /** Whether a frame received at {@code receivedNanos} falls in {@code vrrp_startup_delay}. */
    private boolean inStartupDelay(long receivedNanos) {
        if (delayingStartup && receivedNanos - ignoreAdvertsUntilNanos >= 0) {
            delayingStartup = false;
        }
        return delayingStartup;
    }

    /** The configured multicast groups are joined on interfaces listened to from now on. */
    private void joinConfiguredGroups(KeepalivedConfig cfg) {
        port.alsoJoinMulticastGroups(cfg.vrrpInstances().stream()
                .map(i -> SettingsMapper.multicastGroup(i, cfg.globalDefs())).filter(g -> g != null).toList());
    }

    /** The configuration running now (null before {@link #start}). */
    public KeepalivedConfig config() {
        return config;
    }

    public Map<String, InstanceRuntime> instances() {
        return Collections.unmodifiableMap(instances);
    }

    /** The trackers of a running instance (empty when it has none or is unknown). */
    public TrackerSet trackerSetOf(InstanceRuntime instance) {
        TrackerSet set = trackerSets.get(instance);
        return set == null ? TrackerSet.empty() : set;
    }

    /**
     * Feeds {@code event} to the named instance and re-arms every instance (sync-group members
     * move each other); returns false when no such instance runs. Loop thread (the control
     * socket's demote/promote).
     */
    public boolean apply(String instanceName, InstanceEvent event) {
        InstanceRuntime runtime = instances.get(instanceName);
        if (runtime == null || stopped) {
            return false;
        }
        runtime.handle(event);
        rearmAll();
        return true;
    }

    /** Who is told when any instance changes state or effective priority; kept across reloads. */
    public void onInstanceChange(Runnable listener) {
        this.instanceChangeListener = listener;
        instances.values().forEach(r -> r.onChange(listener));
    }

    public Map<String, SyncGroup> syncGroups() {
        return Collections.unmodifiableMap(groups);
    }

    public FrameDispatcherStats dispatchStats() {
        return new FrameDispatcherStats(dispatcher.unknownVrid(), Map.copyOf(dispatcher.unattributed()));
    }

    /** Counters of frames that reached no instance. */
    public record FrameDispatcherStats(long unknownVrid, Map<org.jkeepalived.vrrp.codec.AdvertCheck, Long> invalidByReason) {
    }

    private InstanceRuntime build(VrrpInstance instance) throws IOException {
        String iface = instance.interfaceName();
        if (iface == null) {
            iface = config.globalDefs().defaultInterface();
        }
        String sendDevice = iface;
        byte[] sourceMac = null;
        if (instance.useVmac() != null) {
            boolean ipv6 = instance.family() == org.jkeepalived.config.model.AddressFamily.IPV6;
            String vmacName = instance.useVmac().interfaceName();
            try {
                port.vmacs().create(vmacName, iface, instance.virtualRouterId(), ipv6);
                sendDevice = vmacName;
                sourceMac = VmacLinks.virtualMac(instance.virtualRouterId(), ipv6);
            } catch (IOException e) {
                LOG.error("({}) Unable to create VMAC interface {} on {}: {}", instance.name(), vmacName, iface, e.getMessage());
            }
        }
        LinkInfo link = port.link(iface).orElse(null);
        InstanceSettings settings;
        try {
            settings = SettingsMapper.map(instance, config.globalDefs(), link, sourceMac, sendDevice);
        } catch (IllegalArgumentException e) {
            LOG.error("({}) cannot be started: {}", instance.name(), e.getMessage());
            return null;
        }
        InstanceRuntime runtime = new InstanceRuntime(instance, settings, sendDevice, iface, port, loop, logDetail);
        InstanceRoutes routes = new InstanceRoutes("(" + instance.name() + ") ", instance.virtualRoutes(),
                instance.virtualRules(), org.jkeepalived.netlink.Rtnetlink::interfaceIndex, this::logDetailLine);
        routes.logUnsupported();
        runtime.attachRoutes(routes, kernelRoutes);
        runtime.onChange(instanceChangeListener);
        return runtime;
    }

    private void removeLeftoverVmacs(KeepalivedConfig cfg) {
        boolean anyVmac = cfg.vrrpInstances().stream().anyMatch(i -> i.useVmac() != null);
        if (!anyVmac) {
            return;
        }
        try {
            List<String> removed = port.vmacs().removeLeftovers("vrrp");
            for (String name : removed) {
                LOG.info("Removed leftover VMAC interface {}", name);
            }
        } catch (IOException e) {
            LOG.warn("Unable to remove leftover VMAC interfaces: {}", e.getMessage());
        }
    }

    private VrrpSyncGroup groupOf(VrrpInstance instance) {
        if (instance.syncGroup() == null) {
            return null;
        }
        for (VrrpSyncGroup g : config.syncGroups()) {
            if (g.name().equals(instance.syncGroup())) {
                return g;
            }
        }
        return null;
    }

    private SyncGroupSink groupSink(String name) {
        return new SyncGroupSink() {
            @Override
            public void notify(NotifyEvent event) {
                // A group a reload dropped reports nothing more (its members are being removed).
                if (services == null || !groups.containsKey(name)) {
                    return;
                }
                switch (event) {
                    case MASTER -> services.groupState(name, NotifyState.MASTER);
                    case BACKUP -> services.groupState(name, NotifyState.BACKUP);
                    case FAULT -> services.groupState(name, NotifyState.FAULT);
                    case STOP -> services.groupState(name, NotifyState.STOP);
                    default -> {
                        // priority and lower-priority events are per instance only
                    }
                }
            }

            @Override
            public void log(String line) {
                LOG.info(line);
            }
        };
    }

    private boolean interfaceRunning(String device) {
        if (device == null) {
            return false;
        }
        Optional<LinkInfo> link = port.link(device);
        return link.isPresent() && link.get().up() && link.get().running();
    }

    private void onTrackerChange(TrackedSource source) {
        if (stopped) {
            return;
        }
        for (Map.Entry<InstanceRuntime, TrackerSet> e : trackerSets.entrySet()) {
            if (e.getValue().tracks(source)) {
                e.getKey().handle(new InstanceEvent.TrackerTotals(e.getValue().totalWeight(), e.getValue().inFault()));
            }
        }
        rearmAll();
    }

    private void onKernelEvent(PortEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof PortEvent.LinkChanged changed) {
            LinkInfo link = changed.link();
            linkState(link.name(), link.up() && link.running());
        } else if (event instanceof PortEvent.LinkDeleted deleted) {
            linkState(deleted.device(), false);
        } else if (event instanceof PortEvent.AddressRemoved removed) {
            addressRemoved(removed.address(), removed.device());
            linkLocalChanged(removed.address(), removed.device());
        } else if (event instanceof PortEvent.AddressAdded added) {
            linkLocalChanged(added.address(), added.device());
        } else if (event instanceof PortEvent.Resynchronised) {
            for (InstanceRuntime r : instances.values()) {
                r.handle(new InstanceEvent.LinkChanged(interfaceRunning(r.receiveDevice()) && sourceReady(r, false)));
            }
            for (String device : services.trackedInterfaceNames()) {
                services.linkChanged(device, interfaceRunning(device));
            }
        }
        rearmAll();
    }

    /**
     * keepalived 2.2.7: a VIP a MASTER holds, removed by another process, makes the instance
     * re-elect ({@link InstanceEvent.AddressRemoved}); with {@code -D} it first logs
     * "Netlink reflector reports IP ... removed from ...". Our own removals also come back as
     * events, possibly after the instance re-added the address (a quick BACKUP → MASTER), so
     * the kernel is asked whether the address is really gone before anything happens.
     */
    private void addressRemoved(InetAddress address, String device) {
        List<InstanceRuntime> holders = instances.values().stream()
                .filter(r -> r.core().holdsVirtualAddress(address, device)).toList();
        if (holders.isEmpty() || addresses.present(address, device)) {
            return;
        }
        if (logDetail) {
            LOG.info("Netlink reflector reports IP {} removed from {}", AddressText.of(address), device);
        }
        for (InstanceRuntime r : holders) {
            r.handle(new InstanceEvent.AddressRemoved(address, device));
        }
    }

    private void linkState(String device, boolean running) {
        for (InstanceRuntime r : instances.values()) {
            if (device.equals(r.receiveDevice()) || device.equals(r.sendDevice())) {
                boolean up = interfaceRunning(r.receiveDevice()) && (r.sendDevice().equals(r.receiveDevice())
                        || interfaceRunning(r.sendDevice()));
                r.handle(new InstanceEvent.LinkChanged(running && up && sourceReady(r, running && up)));
            }
        }
        if (services != null) {
            services.linkChanged(device, running);
        }
    }

    /**
     * Whether {@code r} has its advert source address (see {@link SourceAddressGate}); when not
     * and {@code logMissing}, logs keepalived's line for it.
     */
    private boolean sourceReady(InstanceRuntime r, boolean logMissing) {
        boolean ready = SourceAddressGate.ready(r.config(), port.link(r.receiveDevice()));
        if (!ready && logMissing) {
            LOG.info("({}) {}", r.config().name(), SourceAddressGate.NO_IPV6_ADDRESS);
        }
        return ready;
    }

    /**
     * An IPv6 link-local address came or went on {@code device} (e.g. {@code disable_ipv6}
     * changed): instances taking their source from it get the new source and leave or enter FAULT.
     */
    private void linkLocalChanged(InetAddress address, String device) {
        if (!(address instanceof java.net.Inet6Address) || !address.isLinkLocalAddress()) {
            return;
        }
        for (InstanceRuntime r : instances.values()) {
            if (!device.equals(r.receiveDevice()) || !SourceAddressGate.needsLinkLocal(r.config())
                    || r.core().holdsVirtualAddress(address, device)) {
                continue;
            }
            InetAddress oldSource = r.settings().sourceAddress();
            InstanceSettings settings = settingsFor(r.config(), r);
            if (settings.sourceAddress().equals(oldSource)) {
                continue;
            }
            TrackerSet set = trackerSets.get(r);
            r.reconfigure(r.config(), settings,
                    set == null ? null : new InstanceEvent.TrackerTotals(set.totalWeight(), set.inFault()));
            boolean wasReady = !oldSource.isAnyLocalAddress();
            boolean ready = sourceReady(r, false);
            if (ready != wasReady) {
                boolean up = interfaceRunning(r.receiveDevice()) && (r.sendDevice().equals(r.receiveDevice())
                        || interfaceRunning(r.sendDevice()));
                if (!ready && up) {
                    LOG.info("({}) {}", r.config().name(), SourceAddressGate.NO_IPV6_ADDRESS);
                }
                r.handle(new InstanceEvent.LinkChanged(up && ready));
            }
        }
    }

    /** Sync-group members move each other; re-read every deadline after any event. */
    private void rearmAll() {
        for (InstanceRuntime r : instances.values()) {
            r.rearm();
        }
    }
}
