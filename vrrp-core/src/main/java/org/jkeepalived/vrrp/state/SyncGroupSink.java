package org.jkeepalived.vrrp.state;

/**
 * Where a {@link SyncGroup}'s own actions go: group notify events ({@code GROUP "SG1" MASTER 0})
 * and its log lines. Called synchronously on the event-loop thread.
 */
public interface SyncGroupSink {

    /** The group as a whole entered MASTER, BACKUP or FAULT (or STOP when all members stopped). */
    void notify(NotifyEvent event);

    /** One log line in keepalived's wording ({@code VRRP_Group(SG1) Syncing instances to MASTER state}). */
    void log(String line);
}
