package org.jkeepalived.daemon.track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.TrackFile;
import org.jkeepalived.config.model.TrackProcess;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpScript;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.os.EventPoster;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptCommand;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tracked source of one configuration, built from the parser's model: one
 * {@link ScriptTracker} per usable {@code vrrp_script} (scripts that fail keepalived's checks are
 * disabled with its log line and drop out of every track_script list), one {@link FileTracker} per
 * {@code track_file} (with {@code init_file} applied and an inotify watch), one
 * {@link ProcessTracker} per {@code vrrp_track_process} (a synchronous /proc scan at
 * {@link #start}, then the {@link ProcessScanner} thread), and one shared {@link TrackedInterface}
 * per tracked interface name. {@link #trackerSetFor} assembles an instance's {@link TrackerSet}.
 *
 * <p>{@code onChange} is called on the loop thread with the source whose state changed; the loop
 * then recomputes the {@link TrackerSet}s that {@link TrackerSet#tracks track} it. Loop thread
 * only, except that the watcher and scanner threads post through the {@link EventPoster}.
 */
public final class TrackerRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerRegistry.class);

    private final Map<String, ScriptTracker> scripts = new LinkedHashMap<>();
    private final Map<String, FileTracker> files = new LinkedHashMap<>();
    private final Map<String, ProcessTracker> processes = new LinkedHashMap<>();
    private final Map<String, TrackedInterface> interfaces = new HashMap<>();
    private final Map<String, Boolean> inheritedLinkStates = new HashMap<>();
    private final EventPoster poster;
    /** Made by the first track_file: its inotify service and two threads cost nothing otherwise. */
    private FileWatcher fileWatcher;
    private final ProcessScanner processScanner;

    private TrackerRegistry(EventPoster poster, long processScanNanos) {
        this.poster = poster;
        this.processScanner = new ProcessScanner(poster, processScanNanos);
    }

    /**
     * Builds the sources of {@code config}.
     *
     * @param reload  a reload (init_file never overwrites then)
     */
    public static TrackerRegistry create(KeepalivedConfig config, ScriptChecker checker, ScriptRunner runner,
                                         EventPoster poster, Consumer<TrackedSource> onChange, boolean reload) {
        TrackerRegistry registry = new TrackerRegistry(poster, ProcessScanner.DEFAULT_SCAN_INTERVAL_NANOS);
        for (VrrpScript s : config.vrrpScripts()) {
            registry.addScript(s, checker, runner, onChange);
        }
        for (TrackFile f : config.trackFiles()) {
            registry.addFile(f, onChange, reload);
        }
        for (TrackProcess p : config.trackProcesses()) {
            registry.addProcess(p, onChange);
        }
        return registry;
    }

    /** The model's script as a command for the {@link ScriptChecker}. */
    public static ScriptCommand command(NotifyScript script) {
        return new ScriptCommand(script.argv(), script.user(), script.group());
    }

    public Map<String, ScriptTracker> scripts() {
        return scripts;
    }

    public Map<String, FileTracker> files() {
        return files;
    }

    public Map<String, ProcessTracker> processes() {
        return processes;
    }

    public ProcessScanner processScanner() {
        return processScanner;
    }

    /**
     * The shared source for interface {@code name}; created on first use with the state carried
     * over a reload if there is one, else {@code initiallyUp}.
     */
    public TrackedInterface trackedInterface(String name, boolean initiallyUp) {
        return interfaces.computeIfAbsent(name,
                n -> new TrackedInterface(n, inheritedLinkStates.getOrDefault(n, initiallyUp)));
    }

    /** Every interface some tracker set tracks, to re-feed after a netlink resynchronisation. */
    public Set<String> trackedInterfaceNames() {
        return Set.copyOf(interfaces.keySet());
    }

    /** The interface source if any instance tracks {@code name} (to feed link events), else empty. */
    public Optional<TrackedInterface> interfaceIfTracked(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }

    /**
     * The trackers of {@code instance} plus those of its sync group (null if none), with
     * keepalived's pruning for sync groups without sync_group_tracking_weight and address owners.
     * As in keepalived, the interfaces the instance's VIPs and eVIPs are on, other than its own
     * (unless {@code no_track}), are tracked with weight 0, so their loss means FAULT. The
     * instance's own interface is left to the state machine's link handling here; see
     * {@link #trackerSetFor(VrrpInstance, VrrpSyncGroup, Predicate, boolean)}. Entries naming
     * disabled or unknown trackers are skipped.
     *
     * @param interfaceUp the current link state of an interface, for newly created sources
     */
    public TrackerSet trackerSetFor(VrrpInstance instance, VrrpSyncGroup group, Predicate<String> interfaceUp) {
        return trackerSetFor(instance, group, interfaceUp, false);
    }

    /**
     * As {@link #trackerSetFor(VrrpInstance, VrrpSyncGroup, Predicate)}; with
     * {@code includePrimary} the instance's own interface (unless {@code dont_track_primary}) is a
     * weight-0 entry too, as keepalived tracks it. A track_interface entry naming the instance's
     * own interface or a VIP interface is ignored, as in keepalived.
     */
    public TrackerSet trackerSetFor(VrrpInstance instance, VrrpSyncGroup group, Predicate<String> interfaceUp,
                                    boolean includePrimary) {
        boolean syncNoWeight = group != null && !group.trackingWeight();
        TrackerSet.Builder builder = TrackerSet.builder(instance.name(), syncNoWeight,
                instance.priority() >= TrackerSet.PRIORITY_OWNER);
        Set<String> implicit = new LinkedHashSet<>();
        if (includePrimary && instance.interfaceName() != null && !instance.dontTrackPrimary()) {
            implicit.add(instance.interfaceName());
        }
        for (List<VirtualIp> vips : List.of(instance.virtualIps(), instance.excludedVirtualIps())) {
            for (VirtualIp vip : vips) {
                if (vip.dev() != null && !vip.noTrack() && !vip.dev().equals(instance.interfaceName())) {
                    implicit.add(vip.dev());
                }
            }
        }
        for (String name : implicit) {
            builder.add(TrackerSet.Kind.INTERFACE, trackedInterface(name, interfaceUp.test(name)), 0, false);
        }
        Set<String> skipInterfaces = new HashSet<>(implicit);
        if (instance.interfaceName() != null) {
            skipInterfaces.add(instance.interfaceName());
        }
        addAll(builder, instance.trackedInterfaces(), instance.trackedScripts(), instance.trackedFiles(),
                instance.trackedProcesses(), interfaceUp, skipInterfaces);
        if (group != null) {
            addAll(builder, group.trackedInterfaces(), group.trackedScripts(), group.trackedFiles(),
                    group.trackedProcesses(), interfaceUp, skipInterfaces);
        }
        return builder.build();
    }

    /**
     * After a reload, before {@link #start}: scripts with the same name carry their result over
     * (keepalived's clear_diff_script), scripts new in this configuration do not fault instances
     * until their first result, and tracked interfaces keep their link state. Close
     * {@code previous} afterwards.
     */
    public void carryOver(TrackerRegistry previous) {
        scripts.forEach((name, script) -> {
            ScriptTracker old = previous.scripts.get(name);
            if (old != null) {
                script.inheritFrom(old);
            } else {
                script.markNewOnReload();
            }
        });
        previous.interfaces.forEach((name, old) -> {
            inheritedLinkStates.put(name, old.up());
            TrackedInterface current = interfaces.get(name);
            if (current != null) {
                current.setUp(old.up());
            }
        });
    }

    /** Starts every script (first run now), scans /proc once for the initial process states, then the scanner. */
    public void start(long nowNanos) {
        scripts.values().forEach(s -> s.start(nowNanos));
        processScanner.initialiseTrackers();
        processScanner.start();
    }

    /** Stops scheduling scripts and closes the watcher and the scanner (reload, shutdown). */
    @Override
    public void close() {
        scripts.values().forEach(ScriptTracker::stop);
        if (fileWatcher != null) {
            fileWatcher.close();
        }
        processScanner.close();
    }

    private void addAll(TrackerSet.Builder builder, List<TrackedItem> ifs, List<TrackedItem> scriptItems,
                        List<TrackedItem> fileItems, List<TrackedItem> processItems, Predicate<String> interfaceUp,
                        Set<String> skipInterfaces) {
        for (TrackedItem item : ifs) {
            if (skipInterfaces.contains(item.name())) {
                continue;
            }
            TrackedInterface source = trackedInterface(item.name(), interfaceUp.test(item.name()));
            builder.add(TrackerSet.Kind.INTERFACE, source, item.weight(), item.reverse());
        }
        add(builder, TrackerSet.Kind.SCRIPT, scripts, scriptItems);
        add(builder, TrackerSet.Kind.FILE, files, fileItems);
        add(builder, TrackerSet.Kind.PROCESS, processes, processItems);
    }

    private static void add(TrackerSet.Builder builder, TrackerSet.Kind kind, Map<String, ? extends TrackedSource> sources,
                            List<TrackedItem> items) {
        for (TrackedItem item : items) {
            TrackedSource source = sources.get(item.name());
            if (source != null) {
                builder.add(kind, source, item.weight(), item.reverse());
            }
        }
    }

    private void addScript(VrrpScript s, ScriptChecker checker, ScriptRunner runner, Consumer<TrackedSource> onChange) {
        Optional<PreparedScript> prepared = checker.check(command(s.script()));
        if (prepared.isEmpty()) {
            switch (checker.lastRejection()) {
                case INSECURE -> LOG.error("Disabling track script {} due to insecure", s.name());
                case NOT_FOUND -> LOG.error("Disabling track script {} since not found/accessible", s.name());
                default -> { }
            }
            return;
        }
        scripts.put(s.name(), new ScriptTracker(s.name(), prepared.get(), TimeUnit.MICROSECONDS.toNanos(s.intervalMicros()),
                TimeUnit.MICROSECONDS.toNanos(s.timeoutMicros()), s.rise(), s.fall(), s.initFail(), runner,
                onChange::accept));
    }

    private void addFile(TrackFile f, Consumer<TrackedSource> onChange, boolean reload) {
        if (f.file() == null) {
            LOG.error("No file set for track_file {} - ignoring", f.name());
            return;
        }
        Path path = Path.of(f.file());
        if (f.initFile()) {
            FileTracker.initialise(f.name(), path, f.initValue(), f.overwrite(), reload);
        }
        FileTracker tracker = new FileTracker(f.name(), path, onChange::accept);
        files.put(f.name(), tracker);
        try {
            if (fileWatcher == null) {
                fileWatcher = new FileWatcher(poster);
            }
            fileWatcher.watch(tracker);
        } catch (IOException e) {
            LOG.error("track_file {}: cannot watch {}: {}", f.name(), path, e.getMessage());
        }
    }

    private void addProcess(TrackProcess p, Consumer<TrackedSource> onChange) {
        if (p.process().isEmpty()) {
            LOG.error("track process '{}' process name not specified", p.name());
            return;
        }
        boolean hasParams = p.process().size() > 1;
        // The model reports "exact" when param_match was not given; without parameters that means none.
        String paramMatch = hasParams ? p.paramMatch() : null;
        ProcessMatcher matcher;
        try {
            matcher = new ProcessMatcher(p.process(), paramMatch, p.fullCommand());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid param_match type {} - ignoring", paramMatch);
            matcher = new ProcessMatcher(p.process(), "exact", p.fullCommand());
        }
        ProcessTracker tracker = new ProcessTracker(p.name(), matcher,
                p.quorum(), p.quorumMax(), TimeUnit.MICROSECONDS.toNanos(p.forkDelayMicros()),
                TimeUnit.MICROSECONDS.toNanos(p.terminateDelayMicros()), onChange::accept);
        processes.put(p.name(), tracker);
        processScanner.add(tracker);
    }
}
