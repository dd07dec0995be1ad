package org.jkeepalived.daemon.doctor;

/** keepalived.conf texts for the doctor's integration tests. */
final class DoctorConfigs {
    static final String VIP = "192.0.2.100";

    private DoctorConfigs() {
    }

    /**
     * One VRRPv2 instance VI_1 on eth0, VRID {@code vrid}, priority {@code priority}, one VIP (/24),
     * with extra global_defs and instance lines.
     */
    static String instance(int vrid, int priority, String vip, String globals, String instanceLines) {
        return "global_defs {\n  router_id doctor\n" + globals + "}\n"
                + "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id " + vrid + "\n"
                + "  priority " + priority + "\n  advert_int 1\n" + instanceLines
                + "  virtual_ipaddress {\n    " + vip + "/24 dev eth0\n  }\n}\n";
    }

    static String instance(int vrid, int priority) {
        return instance(vrid, priority, VIP, "", "");
    }
}
