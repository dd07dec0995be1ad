package org.jkeepalived.daemon.notify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptRunner;

/**
 * Sends keepalived's notifications for instance and sync-group transitions, in keepalived's order:
 * the state's script (argv as configured, nothing appended), the generic {@code notify} script
 * (argv + {@code INSTANCE <name> <STATE> <priority>} or {@code GROUP <name> <STATE> 0}), the FIFO
 * line, then the e-mail. Scripts are started, not waited for; STOP scripts are killed after 1 s as
 * keepalived's child timer does. An instance removed by a reload is reported as FAULT unless it has
 * {@code notify_deleted}. E-mail goes out only when the state differs from the last one e-mailed
 * for that instance or group, and never for FAULT with {@code no_email_faults}.
 *
 * <p>The event loop calls these methods at each transition; loop thread only.
 */
public final class Notifier {
    private static final long STOP_SCRIPT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScriptRunner runner;
    private final NotifyFifos fifos;
    private final SmtpAlerter smtp;
    private final Map<String, NotifyState> lastEmailedInstance = new HashMap<>();
    private final Map<String, NotifyState> lastEmailedGroup = new HashMap<>();
    private final Set<String> notifiesSent = new HashSet<>();

    /**
     * @param fifos the open FIFOs ({@link NotifyFifos#none()} without any)
     * @param smtp  the e-mail sender, or null without smtp_server/notification_email
     */
    public Notifier(ScriptRunner runner, NotifyFifos fifos, SmtpAlerter smtp) {
        this.runner = runner;
        this.fifos = fifos;
        this.smtp = smtp;
    }

    /** An instance outside any sync group entered {@code state} with {@code effectivePriority}. */
    public void instanceState(InstanceNotifications instance, NotifyState state, int effectivePriority, long nowNanos) {
        instanceState(instance, state, effectivePriority, nowNanos, null);
    }

    /**
     * An instance entered {@code state}. For a sync-group member, {@code groupState} is the group's
     * state at that moment: as keepalived does (issue #1155's fix), once an instance has sent its
     * first notifications, a transition to the state its group is already in sends nothing - the
     * group's notifications speak for it.
     *
     * @param groupState the sync group's current state, or null when not in a group
     */
    public void instanceState(InstanceNotifications instance, NotifyState state, int effectivePriority, long nowNanos,
                              NotifyState groupState) {
        if (groupState != null && state == groupState && notifiesSent.contains(instance.name())) {
            return;
        }
        notifiesSent.add(instance.name());
        NotifyState reported = state == NotifyState.DELETED && !instance.notifyDeleted() ? NotifyState.FAULT : state;
        long timeout = reported == NotifyState.STOP ? STOP_SCRIPT_TIMEOUT_NANOS : 0;
        run(instance.name(), instance.stateScripts().get(reported), List.of(), nowNanos, timeout);
        run(instance.name(), instance.generic(),
                List.of("INSTANCE", instance.name(), reported.word(), String.valueOf(effectivePriority)), nowNanos,
                timeout);
        fifos.write(FifoLines.instance(instance.name(), reported.word(), effectivePriority));
        if (smtp != null && instance.smtpAlert() && emailWanted(lastEmailedInstance, instance.name(), reported)) {
            smtp.instanceAlert(instance.name(), reported);
        }
    }

    /** A sync group entered {@code state}. */
    public void groupState(GroupNotifications group, NotifyState state, long nowNanos) {
        long timeout = state == NotifyState.STOP ? STOP_SCRIPT_TIMEOUT_NANOS : 0;
        run(group.name(), group.stateScripts().get(state), List.of(), nowNanos, timeout);
        run(group.name(), group.generic(), List.of("GROUP", group.name(), state.word(), "0"), nowNanos, timeout);
        fifos.write(FifoLines.group(group.name(), state));
        if (smtp != null && group.smtpAlert() && state != NotifyState.DELETED
                && emailWanted(lastEmailedGroup, group.name(), state)) {
            smtp.groupAlert(group.name(), state);
        }
    }

    /** A MASTER received a lower-priority advert: notify_master_rx_lower_pri, then the FIFO event. */
    public void masterReceivedLowerPriority(InstanceNotifications instance, int effectivePriority, long nowNanos) {
        run(instance.name(), instance.masterRxLowerPri(), List.of(), nowNanos, 0);
        fifos.write(FifoLines.instance(instance.name(), FifoLines.MASTER_RX_LOWER_PRI, effectivePriority));
    }

    /**
     * A dual-master episode opened or closed: {@code notify_dual_master} with keepalived's
     * notify-style arguments plus the peer ({@code INSTANCE <name> DUAL_MASTER|DUAL_MASTER_END
     * <priority> <peer address>}), then the FIFO line {@code INSTANCE "<name>" DUAL_MASTER <priority>}
     * (or {@code DUAL_MASTER_END}). The generic {@code notify} script is not run: it only ever gets
     * keepalived's states, which scripts match exhaustively.
     */
    public void dualMaster(InstanceNotifications instance, boolean opened, String peerAddress, int effectivePriority,
                           long nowNanos) {
        String word = opened ? FifoLines.DUAL_MASTER : FifoLines.DUAL_MASTER_END;
        run(instance.name(), instance.dualMaster(),
                List.of("INSTANCE", instance.name(), word, String.valueOf(effectivePriority), peerAddress), nowNanos, 0);
        fifos.write(FifoLines.instance(instance.name(), word, effectivePriority));
    }

    /** The effective priority changed: a FIFO event, only with notify_priority_changes. */
    public void priorityChanged(InstanceNotifications instance, boolean master, int effectivePriority) {
        if (instance.notifyPriorityChanges()) {
            fifos.write(FifoLines.instance(instance.name(),
                    master ? FifoLines.MASTER_PRIORITY : FifoLines.BACKUP_PRIORITY, effectivePriority));
        }
    }

    private boolean emailWanted(Map<String, NotifyState> lastEmailed, String name, NotifyState state) {
        if (state == NotifyState.FAULT && smtp.settings().noEmailFaults()) {
            return false;
        }
        return lastEmailed.put(name, state) != state;
    }

    private void run(String owner, PreparedScript script, List<String> extraArgs, long nowNanos, long timeoutNanos) {
        if (script != null) {
            runner.start(owner, script, extraArgs, nowNanos, timeoutNanos, null);
        }
    }
}
