package org.jkeepalived.daemon.track;

/**
 * Something an instance or sync group tracks: a vrrp_script, a track_file, a track_process or an
 * interface. An instance tracks it through an entry with a weight (-254..254) and a reverse flag;
 * the source decides what that entry contributes, following keepalived:
 * <ul>
 * <li>weight 0: no priority change; the source puts the instance in FAULT while it is down
 *     (or, reversed, while it is up);</li>
 * <li>weight &gt; 0: +weight while up, nothing while down; weight &lt; 0: nothing while up,
 *     weight while down; reverse negates the contribution.</li>
 * </ul>
 * Implementations are mutated and read only on the event-loop thread.
 */
public interface TrackedSource {
    /** The configured name (script, file or process tracker, interface). */
    String name();

    /** What an entry with a non-zero {@code weight} adds to the instance's priority now. */
    int contribution(int weight, boolean reverse);

    /** Whether an entry with this weight puts the tracking instance in FAULT now. */
    boolean faults(int weight, boolean reverse);

    /**
     * The contribution of a two-state source (up/down) under keepalived's rules: +w while up
     * for w &gt; 0, w while down for w &lt; 0, negated when reversed.
     */
    static int binaryContribution(boolean up, int weight, boolean reverse) {
        int value = up ? Math.max(weight, 0) : Math.min(weight, 0);
        return reverse ? -value : value;
    }

    /** The FAULT rule of a two-state source for a weight-0 entry: down faults, reversed up faults. */
    static boolean binaryFaults(boolean up, int weight, boolean reverse) {
        return weight == 0 && up == reverse;
    }
}
