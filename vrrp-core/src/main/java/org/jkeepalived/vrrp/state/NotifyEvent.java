package org.jkeepalived.vrrp.state;

/**
 * What an instance tells notify scripts and the FIFO, with keepalived's names
 * ({@code INSTANCE "VI_1" MASTER 150}).
 */
public enum NotifyEvent {
    MASTER,
    BACKUP,
    FAULT,
    STOP,
    /** A MASTER received a lower-priority advert (split brain healed). */
    MASTER_RX_LOWER_PRI,
    /** Effective priority changed while MASTER (only with {@code notify_priority_changes}). */
    MASTER_PRIORITY,
    /** Effective priority changed while BACKUP (only with {@code notify_priority_changes}). */
    BACKUP_PRIORITY
}
