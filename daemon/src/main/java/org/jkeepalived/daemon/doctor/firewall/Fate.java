package org.jkeepalived.daemon.doctor.firewall;

/**
 * What the rules do to a probe packet.
 *
 * @param outcome accepted, dropped (surely), or undecided (a rule depends on something the doctor
 *                cannot see: marks, sets of another tool, rate limits)
 * @param where   the chain and rule that drop it, or the rule that made it undecided; "" if accepted
 */
public record Fate(Outcome outcome, String where) {
    /** The three possible results. */
    public enum Outcome { ACCEPTED, DROPPED, UNDECIDED }

    public static final Fate ACCEPTED = new Fate(Outcome.ACCEPTED, "");

    public boolean dropped() {
        return outcome == Outcome.DROPPED;
    }
}
