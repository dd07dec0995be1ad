package org.jkeepalived.daemon.notify;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the parser's model into the notification settings {@link Notifier} uses, checking every
 * script with the {@link ScriptChecker} (a script keepalived would disable is left out, with its
 * log line). Settings the model keeps only as raw keyword arguments ({@code notify_fifo_script},
 * {@code vrrp_notify_fifo_script}, {@code smtp_helo_name}, {@code no_email_faults},
 * {@code notify_priority_changes}, {@code vrrp_notify_priority_changes}) are read from
 * {@code otherSettings}. Stateless apart from the checker it is given; loop thread only.
 */
public final class NotificationFactory {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationFactory.class);
    private static final Map<String, NotifyState> INSTANCE_KEYWORDS = Map.of(
            "notify_master", NotifyState.MASTER, "notify_backup", NotifyState.BACKUP,
            "notify_fault", NotifyState.FAULT, "notify_stop", NotifyState.STOP,
            "notify_deleted", NotifyState.DELETED);

    private final ScriptChecker checker;

    public NotificationFactory(ScriptChecker checker) {
        this.checker = checker;
    }

    /** An instance's scripts and flags. */
    public InstanceNotifications instance(VrrpInstance instance, GlobalDefs global) {
        Map<String, NotifyScript> configured = instance.notifyScripts();
        Map<NotifyState, PreparedScript> byState = stateScripts(configured);
        boolean notifyDeleted = configured.containsKey("notify_deleted")
                || instance.otherSettings().containsKey("notify_deleted");
        // The model keeps no sync-group notify_priority_changes: instance setting, else the global one.
        boolean priorityChanges = bool(instance.otherSettings().get("notify_priority_changes"),
                bool(global.otherSettings().get("vrrp_notify_priority_changes"), false));
        return new InstanceNotifications(instance.name(), byState, prepared(configured.get("notify")),
                prepared(configured.get("notify_master_rx_lower_pri")), notifyDeleted, instance.smtpAlert(),
                priorityChanges, prepared(configured.get("notify_dual_master")));
    }

    /** A sync group's scripts and flags. */
    public GroupNotifications group(VrrpSyncGroup group) {
        Map<NotifyState, PreparedScript> byState = stateScripts(group.notifyScripts());
        byState.remove(NotifyState.DELETED);
        return new GroupNotifications(group.name(), byState, prepared(group.notifyScripts().get("notify")),
                group.smtpAlert());
    }

    /** notify_fifo with its reader script, or null. */
    public NotifyFifos.Spec globalFifo(GlobalDefs global) {
        return fifo(global.notifyFifo(), global.otherSettings().get("notify_fifo_script"));
    }

    /** vrrp_notify_fifo with its reader script, or null. */
    public NotifyFifos.Spec vrrpFifo(GlobalDefs global) {
        return fifo(global.vrrpNotifyFifo(), global.otherSettings().get("vrrp_notify_fifo_script"));
    }

    /**
     * E-mail settings, or empty when keepalived would send nothing (no smtp_server or no
     * notification_email).
     */
    public static Optional<SmtpAlerter.Settings> smtp(GlobalDefs global, String localHostName, String userName) {
        if (global.smtpServer() == null || global.notificationEmails().isEmpty()) {
            return Optional.empty();
        }
        List<String> helo = global.otherSettings().get("smtp_helo_name");
        try {
            return Optional.of(SmtpAlerter.Settings.withDefaults(global.smtpServer(), global.smtpConnectTimeoutSeconds(),
                    helo == null || helo.isEmpty() ? null : helo.get(0), global.notificationEmailFrom(),
                    global.notificationEmails(), global.routerId(), global.otherSettings().containsKey("no_email_faults"),
                    localHostName, userName));
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid smtp_server {} - no e-mail alerts: {}", global.smtpServer(), e.getMessage());
            return Optional.empty();
        }
    }

    private Map<NotifyState, PreparedScript> stateScripts(Map<String, NotifyScript> configured) {
        Map<NotifyState, PreparedScript> byState = new EnumMap<>(NotifyState.class);
        INSTANCE_KEYWORDS.forEach((keyword, state) -> {
            PreparedScript script = prepared(configured.get(keyword));
            if (script != null) {
                byState.put(state, script);
            }
        });
        return byState;
    }

    private PreparedScript prepared(NotifyScript script) {
        if (script == null) {
            return null;
        }
        return checker.check(new ScriptCommand(script.argv(), script.user(), script.group())).orElse(null);
    }

    /** Raw keyword arguments: [command, user?, group?]; the command string is split on blanks. */
    private NotifyFifos.Spec fifo(String path, List<String> scriptArgs) {
        if (path == null) {
            return null;
        }
        PreparedScript reader = null;
        if (scriptArgs != null && !scriptArgs.isEmpty()) {
            List<String> argv = List.of(scriptArgs.get(0).trim().split("\\s+"));
            String user = scriptArgs.size() > 1 ? scriptArgs.get(1) : null;
            String group = scriptArgs.size() > 2 ? scriptArgs.get(2) : null;
            reader = checker.check(new ScriptCommand(argv, user, group)).orElse(null);
        }
        return new NotifyFifos.Spec(Path.of(path), reader, null, null);
    }

    /** keepalived's [BOOL]: absent → fallback; no argument, true/on/yes → true; false/off/no → false. */
    private static Boolean bool(List<String> args, Boolean fallback) {
        if (args == null) {
            return fallback;
        }
        if (args.isEmpty()) {
            return true;
        }
        return switch (args.get(0)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> fallback;
        };
    }
}
