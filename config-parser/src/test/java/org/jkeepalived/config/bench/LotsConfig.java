package org.jkeepalived.config.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.HostInterfaces;

/**
 * A configuration built like keepalived's test/mk_lots (generated/mk_lots.conf in the corpus), only
 * bigger: sync groups of four, instances spread over interfaces (255 VRIDs each), {@code @high}/
 * {@code @medium}/{@code @low} priorities, version 3, use_vmac on every other pair, one VIP each.
 */
public final class LotsConfig {
    /** Instances per interface: every VRID 1..255 once. */
    public static final int PER_INTERFACE = 255;

    private LotsConfig() {
    }

    public static int interfacesFor(int instances) {
        return (instances + PER_INTERFACE - 1) / PER_INTERFACE;
    }

    /** Interfaces eth0..ethN-1 for the generated instances. */
    public static HostInterfaces interfaces(int instances) {
        Map<String, List<String>> ifs = new LinkedHashMap<>();
        ifs.put("lo", List.of("127.0.0.1/8"));
        for (int i = 0; i < interfacesFor(instances); i++) {
            ifs.put("eth" + i, List.of());
        }
        return HostInterfaces.of(ifs);
    }

    public static void write(Path file, int instances) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // mk_lots' "@high net_namespace high" lines are left out: keepalived -t stops after the
            // parent's parse when the namespace does not exist, which would skip the work measured.
            w.write("global_defs {\n    vrrp_garp_master_delay 0\n    vrrp_garp_master_repeat 1\n"
                    + "    vrrp_garp_lower_prio_delay 0\n    vrrp_garp_lower_prio_repeat 2\n"
                    + "    vrrp_lower_prio_no_advert true\n}\n\n");
            int groups = instances / 4;
            for (int g = 0; g < groups; g++) {
                w.write("vrrp_sync_group sync_" + g + " {\n\tgroup {\n");
                for (int m = 0; m < 4; m++) {
                    w.write("\t\tVI_" + (g + m * groups) + "\n");
                }
                w.write("\t}\n}\n\n");
            }
            for (int i = 0; i < instances; i++) {
                instance(w, i);
            }
        }
    }

    private static void instance(Writer w, int i) throws IOException {
        int iface = i / PER_INTERFACE;
        int vrid = i % PER_INTERFACE + 1;
        List<String> lines = new ArrayList<>();
        lines.add("vrrp_instance VI_" + i + " {");
        lines.add("\tstate BACKUP");
        lines.add("\tinterface eth" + iface);
        lines.add("\tvirtual_router_id " + vrid);
        lines.add("@high\tpriority 170");
        lines.add("@medium\tpriority 127");
        lines.add("@low\tpriority 85");
        lines.add("\tadvert_int 1");
        lines.add("\tversion 3");
        lines.add((i / 2) % 2 == 0 ? "\tuse_vmac" : "\t");
        lines.add("");
        lines.add("\tvirtual_ipaddress {");
        lines.add("\t\t10." + (iface / 256) + "." + (iface % 256) + "." + vrid + "/32");
        lines.add("\t}");
        lines.add("}");
        lines.add("");
        w.write(String.join("\n", lines));
        w.write('\n');
    }
}
