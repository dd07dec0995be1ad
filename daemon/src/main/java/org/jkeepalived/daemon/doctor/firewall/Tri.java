package org.jkeepalived.daemon.doctor.firewall;

/** Whether a rule's match holds for a probe packet: surely, surely not, or cannot tell. */
public enum Tri {
    MATCH, NO_MATCH, UNKNOWN;

    public static Tri of(boolean holds) {
        return holds ? MATCH : NO_MATCH;
    }

    /** Both must hold. */
    public Tri and(Tri other) {
        if (this == NO_MATCH || other == NO_MATCH) {
            return NO_MATCH;
        }
        return this == MATCH && other == MATCH ? MATCH : UNKNOWN;
    }

    /** The negation ("!=", iptables' "!"). */
    public Tri not() {
        return this == MATCH ? NO_MATCH : this == NO_MATCH ? MATCH : UNKNOWN;
    }
}
