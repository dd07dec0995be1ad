package org.jkeepalived.daemon.notify;

/**
 * The states keepalived reports to notify scripts, FIFOs and e-mail, with the words it uses.
 * STOP is reported at shutdown and DELETED when a reload removes an instance (reported as FAULT
 * unless the instance has {@code notify_deleted}).
 */
public enum NotifyState {
    MASTER, BACKUP, FAULT, STOP, DELETED;

    /** The word in argv and FIFO lines (the enum name). */
    public String word() {
        return name();
    }
}
