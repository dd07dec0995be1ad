package org.jkeepalived.daemon.notify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.os.LoopTimer;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.track.ProcessTracker;
import org.jkeepalived.daemon.track.ScriptTracker;
import org.jkeepalived.daemon.track.TrackedInterface;
import org.jkeepalived.daemon.track.TrackedSource;
import org.jkeepalived.daemon.track.TrackerRegistry;
import org.jkeepalived.daemon.track.TrackerSet;

/**
 * The trackers and notifications of one configuration, wired to the daemon's {@link EventLoop}:
 * script runs, script timeouts and process-tracker delays are loop timers, watcher and scanner
 * results are posted to the loop, and {@code onTrackerChange} is called on the loop thread with
 * each source whose state changed (the loop then recomputes effective priorities and FAULT for
 * the instances whose {@link TrackerSet} {@link TrackerSet#tracks tracks} it).
 *
 * <p>Life cycle: {@link #create} on the loop thread when a configuration is applied (passing the
 * previous services on a reload, which this then closes), {@link #close} at shutdown. The
 * notification methods are the ones the state machine calls at each transition. Loop thread only.
 */
public final class DaemonServices implements AutoCloseable {
    private final EventLoop loop;
    private final ScriptRunner runner;
    private final TrackerRegistry trackers;
    private final NotifyFifos fifos;
    private final SmtpAlerter smtp;
    private final Notifier notifier;
    private final LoopTimer runnerTimer;
    private final List<LoopTimer> processTimers = new ArrayList<>();
    private final List<LoopTimer> scriptTimers = new ArrayList<>();
    private final Map<String, InstanceNotifications> instances = new HashMap<>();
    private final Map<String, GroupNotifications> groups = new HashMap<>();
    private final Consumer<TrackedSource> onTrackerChange;

    private DaemonServices(EventLoop loop, ScriptRunner runner, TrackerRegistry trackers, NotifyFifos fifos,
                           SmtpAlerter smtp, Consumer<TrackedSource> onTrackerChange) {
        this.loop = loop;
        this.runner = runner;
        this.trackers = trackers;
        this.fifos = fifos;
        this.smtp = smtp;
        this.notifier = new Notifier(runner, fifos, smtp);
        this.runnerTimer = new LoopTimer(loop, runner::nextDeadlineNanos, runner::onTimer);
        this.onTrackerChange = onTrackerChange;
    }

    /** The scripts that were running when the first STOP notification started; null before. */
    private java.util.Set<ScriptRunner.Running> scriptsBeforeStop;

    /**
     * Builds and starts everything for {@code config}.
     *
     * @param checker          the script checker for this configuration (quiet if the parser already logged)
     * @param previous         the services of the configuration being replaced by a reload, or null
     * @param localHostName    for keepalived's e-mail defaults (HELO, From, router_id)
     * @param userName         the daemon's user name, for the default From address
     * @throws IOException when the inotify watch service cannot be created
     */
    public static DaemonServices create(KeepalivedConfig config, ScriptChecker checker, EventLoop loop,
                                        Consumer<TrackedSource> onTrackerChange, DaemonServices previous,
                                        String localHostName, String userName) throws IOException {
        ScriptRunner runner = previous != null ? previous.runner : new ScriptRunner(loop::post);
        DaemonServices[] self = new DaemonServices[1];
        TrackerRegistry trackers = TrackerRegistry.create(config, checker, runner,
                work -> loop.post(() -> {
                    work.run();
                    self[0].rearmProcessTimers();
                }), source -> self[0].onTrackerChange.accept(source), previous != null);
        NotificationFactory factory = new NotificationFactory(checker);
        if (previous != null) {
            previous.closeForReload();
        }
        long now = loop.now();
        NotifyFifos fifos = NotifyFifos.open(factory.globalFifo(config.globalDefs()), factory.vrrpFifo(config.globalDefs()),
                runner, now);
        Optional<SmtpAlerter.Settings> smtpSettings = NotificationFactory.smtp(config.globalDefs(), localHostName,
                userName);
        DaemonServices services = new DaemonServices(loop, runner, trackers, fifos,
                smtpSettings.map(SmtpAlerter::new).orElse(null), onTrackerChange);
        self[0] = services;
        for (VrrpInstance instance : config.vrrpInstances()) {
            services.instances.put(instance.name(), factory.instance(instance, config.globalDefs()));
        }
        for (VrrpSyncGroup group : config.syncGroups()) {
            services.groups.put(group.name(), factory.group(group));
        }
        if (previous != null) {
            trackers.carryOver(previous.trackers);
        }
        services.startTimers(now);
        return services;
    }

    /** The instance's trackers (and its sync group's); see {@link TrackerRegistry#trackerSetFor}. */
    public TrackerSet trackerSetFor(VrrpInstance instance, VrrpSyncGroup group, Predicate<String> interfaceUp) {
        return trackers.trackerSetFor(instance, group, interfaceUp);
    }

    /** Every tracked interface name (instance and sync-group track_interface, VIP interfaces): re-feed these after a resync. */
    public java.util.Set<String> trackedInterfaceNames() {
        return trackers.trackedInterfaceNames();
    }

    public TrackerRegistry trackers() {
        return trackers;
    }

    /** Feeds a link state from netlink; reports the change to {@code onTrackerChange} if tracked and changed. */
    public void linkChanged(String interfaceName, boolean up) {
        Optional<TrackedInterface> tracked = trackers.interfaceIfTracked(interfaceName);
        if (tracked.isPresent() && tracked.get().setUp(up)) {
            onTrackerChange.accept(tracked.get());
        }
    }

    /** An instance outside any sync group changed state; see {@link Notifier#instanceState}. */
    public void instanceState(String instance, NotifyState state, int effectivePriority) {
        instanceState(instance, state, effectivePriority, null);
    }

    /**
     * See {@link Notifier#instanceState(InstanceNotifications, NotifyState, int, long, NotifyState)};
     * {@code groupState} is the instance's sync group's current state, or null. Unknown names are ignored.
     */
    public void instanceState(String instance, NotifyState state, int effectivePriority, NotifyState groupState) {
        InstanceNotifications n = instances.get(instance);
        if (n != null) {
            rememberScriptsBeforeStop(state);
            notifier.instanceState(n, state, effectivePriority, loop.now(), groupState);
            runnerTimer.rearm();
        }
    }

    /** See {@link Notifier#groupState}. */
    public void groupState(String group, NotifyState state) {
        GroupNotifications n = groups.get(group);
        if (n != null) {
            rememberScriptsBeforeStop(state);
            notifier.groupState(n, state, loop.now());
            runnerTimer.rearm();
        }
    }

    /** See {@link Notifier#masterReceivedLowerPriority}. */
    public void masterReceivedLowerPriority(String instance, int effectivePriority) {
        InstanceNotifications n = instances.get(instance);
        if (n != null) {
            notifier.masterReceivedLowerPriority(n, effectivePriority, loop.now());
            runnerTimer.rearm();
        }
    }

    /** See {@link Notifier#dualMaster}. */
    public void dualMaster(String instance, boolean opened, String peerAddress, int effectivePriority) {
        InstanceNotifications n = instances.get(instance);
        if (n != null) {
            notifier.dualMaster(n, opened, peerAddress, effectivePriority, loop.now());
            runnerTimer.rearm();
        }
    }

    /** See {@link Notifier#priorityChanged}. */
    public void priorityChanged(String instance, boolean master, int effectivePriority) {
        InstanceNotifications n = instances.get(instance);
        if (n != null) {
            notifier.priorityChanged(n, master, effectivePriority);
        }
    }

    /**
     * keepalived's {@code fifo_write_vrrp_states_on_reload}: the current state of an instance a
     * reload kept, written to the notify FIFOs only (no script, no e-mail).
     */
    public void fifoInstanceState(String instance, NotifyState state, int effectivePriority) {
        fifos.write(FifoLines.instance(instance, state.word(), effectivePriority));
    }

    /** As {@link #fifoInstanceState}, for a sync group. */
    public void fifoGroupState(String group, NotifyState state) {
        fifos.write(FifoLines.group(group, state));
    }

    /** Shutdown: stops trackers, kills running scripts, closes FIFOs (unlinking ours) and the e-mail sender. */
    @Override
    public void close() {
        closeForReload();
        if (scriptsBeforeStop != null) {
            // keepalived kills running scripts before it runs the STOP notifications, which then
            // get to finish; killing everything here killed the STOP scripts just started.
            runner.kill(scriptsBeforeStop);
        } else {
            runner.killAll();
        }
        loop.cancel(runnerTimer);
    }

    /** At the first STOP notification: the scripts to kill on {@link #close()} are those running now. */
    private void rememberScriptsBeforeStop(NotifyState state) {
        if (state == NotifyState.STOP && scriptsBeforeStop == null) {
            scriptsBeforeStop = runner.runningNow();
        }
    }

    private void closeForReload() {
        trackers.close();
        processTimers.forEach(loop::cancel);
        scriptTimers.forEach(loop::cancel);
        fifos.close();
        if (smtp != null) {
            smtp.close();
        }
    }

    private void startTimers(long now) {
        trackers.start(now);
        for (ScriptTracker script : trackers.scripts().values()) {
            LoopTimer timer = new LoopTimer(loop, script::nextDeadlineNanos, n -> {
                script.onTimer(n);
                runnerTimer.rearm();
            });
            scriptTimers.add(timer);
            timer.rearm();
        }
        for (ProcessTracker process : trackers.processes().values()) {
            LoopTimer timer = new LoopTimer(loop, process::nextDeadlineNanos, process::onTimer);
            processTimers.add(timer);
            timer.rearm();
        }
        runnerTimer.rearm();
    }

    private void rearmProcessTimers() {
        processTimers.forEach(LoopTimer::rearm);
    }
}
