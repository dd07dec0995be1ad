package org.jkeepalived.vrrp.state;

/** The states of a VRRP instance, as keepalived has them (RFC 5798 §6.4 plus FAULT). */
public enum VrrpState {
    /** Before {@link InstanceEvent.Start}, or while a priority-255 owner waits its 1 µs. */
    INIT,
    BACKUP,
    MASTER,
    /** Interface down, a weight-0 tracker failing, or a sync-group member in fault. */
    FAULT
}
