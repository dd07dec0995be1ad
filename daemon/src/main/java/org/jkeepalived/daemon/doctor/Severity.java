package org.jkeepalived.daemon.doctor;

/** How bad a finding is. Any {@link #ERROR} makes {@code jkeepalived doctor} exit non-zero. */
public enum Severity {
    /** VRRP or the VIP is broken, or will break on the next failover. */
    ERROR,
    /** Works today, but is a known trap or weakens the setup. */
    WARNING;

    /** Lower case, as printed and in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
