package org.jkeepalived.daemon.os;

/**
 * How a script run ended.
 *
 * @param outcome    the kind of ending
 * @param exitStatus exit status for {@link Outcome#EXITED}; the signal number for
 *                   {@link Outcome#SIGNALED}; otherwise -1
 */
public record ScriptResult(Outcome outcome, int exitStatus) {
    /** The kinds of ending, as keepalived distinguishes them in its log lines. */
    public enum Outcome {
        /** exited on its own; success when the status is 0 */
        EXITED,
        /** killed by a signal we did not send */
        SIGNALED,
        /** killed by us at its timeout */
        TIMED_OUT,
        /** could not be started at all */
        FAILED_TO_START,
    }

    /** keepalived's success: exit status 0. */
    public boolean succeeded() {
        return outcome == Outcome.EXITED && exitStatus == 0;
    }
}
