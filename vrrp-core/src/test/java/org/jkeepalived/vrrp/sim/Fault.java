package org.jkeepalived.vrrp.sim;

/** One scheduled fault of a scenario: data, so a scenario can be printed and replayed. */
sealed interface Fault {

    /** Virtual time in nanoseconds at which the fault happens. */
    long at();

    /** Nodes are split into groups; only nodes in the same group hear each other. */
    record Partition(long at, int[] groupOfNode) implements Fault {
        @Override
        public String toString() {
            return "Partition(at=" + at + ", groups=" + java.util.Arrays.toString(groupOfNode) + ")";
        }
    }

    /** Everyone hears everyone again. */
    record Heal(long at) implements Fault {
    }

    /** The node's process dies: no adverts, VIPs gone with it. */
    record Crash(long at, int node) implements Fault {
    }

    /** The node's process starts again from INIT. */
    record Restart(long at, int node) implements Fault {
    }

    /** The node's interface goes down (frames neither sent nor received) or up. */
    record Link(long at, int node, boolean up) implements Fault {
    }

    /** The node's tracked script changes status. */
    record Tracker(long at, int node, boolean up) implements Fault {
    }

    /** An orderly stop (SIGTERM): a MASTER sends priority 0. */
    record Stop(long at, int node) implements Fault {
    }

    /** The network's loss/duplication behaviour changes. */
    record Network(long at, double loss, double duplicate, long delayNanos, long jitterNanos) implements Fault {
    }

    /** The node's first instance is demoted ({@code demoted}) or promoted (planned handover). */
    record Demote(long at, int node, boolean demoted) implements Fault {
    }
}
