package org.jkeepalived.daemon.doctor;

/**
 * The stable finding codes of {@code jkeepalived doctor}. A code never changes meaning once
 * released; docs/doctor.md documents each one (what, why, fix, example).
 */
public enum Code {
    JKA001(Severity.ERROR, "another VRRP router uses our VRID with other VIPs"),
    JKA002(Severity.WARNING, "adverts for our VRID from a source that is not a unicast peer"),
    JKA010(Severity.ERROR, "both nodes hold the VIP: the peer's adverts do not arrive"),
    JKA011(Severity.ERROR, "a master answers for the VIP but its adverts do not arrive"),
    JKA012(Severity.WARNING, "the VRRP multicast group is not joined on the interface"),
    JKA020(Severity.ERROR, "the firewall drops incoming VRRP adverts"),
    JKA021(Severity.ERROR, "the firewall drops outgoing VRRP adverts"),
    JKA030(Severity.ERROR, "rp_filter drops the peer's adverts"),
    JKA031(Severity.ERROR, "arp_ignore stops the kernel answering ARP for the VIP"),
    JKA040(Severity.ERROR, "ip_nonlocal_bind is off while a service listens on the VIP"),
    JKA050(Severity.ERROR, "the firewall drops traffic to the VIP (vrrp_strict / no_accept)"),
    JKA060(Severity.ERROR, "a configured script does not exist"),
    JKA061(Severity.ERROR, "a configured script is not executable by its user"),
    JKA062(Severity.ERROR, "a script run as root has a path others can write"),
    JKA063(Severity.ERROR, "a script user or group does not exist"),
    JKA064(Severity.WARNING, "scripts run without enable_script_security"),
    JKA070(Severity.ERROR, "the instance interface does not exist"),
    JKA071(Severity.ERROR, "a tracked interface does not exist"),
    JKA072(Severity.ERROR, "unicast_src_ip is not on any interface"),
    JKA073(Severity.ERROR, "the interface of a VIP does not exist");

    private final Severity severity;
    private final String title;

    Code(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    /** The severity a finding with this code has unless the check says otherwise. */
    public Severity severity() {
        return severity;
    }

    /** A short title, as in docs/doctor.md. */
    public String title() {
        return title;
    }
}
