package org.jkeepalived.config.model;

/**
 * A {@code vrrp_script} with keepalived's defaults (interval 1 s, timeout = interval, weight 0,
 * rise 1, fall 1).
 *
 * @param name            script name
 * @param script          the command
 * @param intervalMicros  run period
 * @param timeoutMicros   kill/fail timeout
 * @param weight          -253..253
 * @param reverse         weight reversed
 * @param rise            successes for OK
 * @param fall            failures for KO
 * @param initFail        start in failed state
 */
public record VrrpScript(String name, NotifyScript script, long intervalMicros, long timeoutMicros, int weight,
                         boolean reverse, int rise, int fall, boolean initFail) {
}
