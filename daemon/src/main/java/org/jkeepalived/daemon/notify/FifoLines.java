package org.jkeepalived.daemon.notify;

/**
 * keepalived's notify FIFO line formats, byte for byte:
 * {@code INSTANCE "VI_1" MASTER 150\n}, {@code GROUP "SG1" BACKUP 0\n}, and the instance event
 * pseudo-states {@code MASTER_RX_LOWER_PRI}, {@code MASTER_PRIORITY}, {@code BACKUP_PRIORITY}, plus
 * jkeepalived's {@code DUAL_MASTER} / {@code DUAL_MASTER_END} in the same four-field shape
 * (docs/dual-master.md). Stateless.
 */
public final class FifoLines {
    /** Event word: a MASTER received an advert with a lower priority. */
    public static final String MASTER_RX_LOWER_PRI = "MASTER_RX_LOWER_PRI";
    /** Event word: a MASTER's effective priority changed (vrrp_notify_priority_changes). */
    public static final String MASTER_PRIORITY = "MASTER_PRIORITY";
    /** Event word: a BACKUP's effective priority changed (vrrp_notify_priority_changes). */
    public static final String BACKUP_PRIORITY = "BACKUP_PRIORITY";

    /** Event word (jkeepalived): a dual-master episode opened; see docs/dual-master.md. */
    public static final String DUAL_MASTER = "DUAL_MASTER";
    /** Event word (jkeepalived): the dual-master episode closed. */
    public static final String DUAL_MASTER_END = "DUAL_MASTER_END";

    private FifoLines() {
    }

    /** {@code INSTANCE "<name>" <word> <priority>\n}. */
    public static String instance(String name, String word, int priority) {
        return "INSTANCE \"" + name + "\" " + word + " " + priority + "\n";
    }

    /** {@code GROUP "<name>" <STATE> 0\n}. */
    public static String group(String name, NotifyState state) {
        return "GROUP \"" + name + "\" " + state.word() + " 0\n";
    }
}
