package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.daemon.vrrp.ConfigDiff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's reload matching (vrrp_exist: VRID, family, interface, unicast [+ source], VMAC,
 * multicast group — never the name) on configurations read by the real parser.
 */
class ConfigDiffTest {

    @TempDir
    Path dir;

    private int files;

    private KeepalivedConfig parse(String text) throws IOException {
        Path conf = dir.resolve("keepalived-" + files++ + ".conf");
        Files.writeString(conf, text);
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"),
                "eth1", List.of("198.51.100.1/24"))), ScriptEnvironment.system(), dir);
        return ConfigParser.parse(conf, options).config();
    }

    private static String instance(String name, int vrid, String iface, int priority, String... vips) {
        return instanceWith(name, vrid, iface, priority, "", vips);
    }

    private static String instanceWith(String name, int vrid, String iface, int priority, String extra, String... vips) {
        return "vrrp_instance " + name + " {\n interface " + iface + "\n virtual_router_id " + vrid
                + "\n priority " + priority + "\n advert_int 1\n" + extra + " virtual_ipaddress {\n  "
                + String.join("\n  ", vips) + "\n }\n}\n";
    }

    private ConfigDiff diff(String before, String after) throws IOException {
        KeepalivedConfig old = parse(before);
        KeepalivedConfig next = parse(after);
        assertThat(old.vrrpInstances()).as("before parses").isNotEmpty();
        return ConfigDiff.of(old, next);
    }

    private static List<String> names(List<VrrpInstance> instances) {
        return instances.stream().map(VrrpInstance::name).toList();
    }

    @Test
    void anIdenticalConfigurationIsAllMatchedAndUnchanged() throws IOException {
        String conf = instance("VI_1", 51, "eth0", 150, "192.0.2.100") + instance("VI_2", 52, "eth1", 100, "198.51.100.100");
        ConfigDiff diff = diff(conf, conf);
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.added()).isEmpty();
        assertThat(diff.matched()).hasSize(2).allMatch(ConfigDiff.Matched::unchanged);
        assertThat(diff.empty()).isTrue();
    }

    /** The reloader skips an identical configuration by equality: parsing twice must give equal models. */
    @Test
    void theSameTextParsesToAnEqualConfiguration() throws IOException {
        String conf = "global_defs {\n router_id lb1\n vrrp_garp_interval 0.001\n}\n"
                + "vrrp_script chk {\n script \"/bin/true\"\n interval 1\n weight -20\n}\n"
                + "vrrp_sync_group SG {\n group {\n  VI_1\n }\n}\n"
                + instanceWith("VI_1", 51, "eth0", 150, " track_script {\n  chk\n }\n authentication {\n"
                + "  auth_type PASS\n  auth_pass secret\n }\n", "192.0.2.100/24 dev eth0 label eth0:vip");
        assertThat(parse(conf)).isEqualTo(parse(conf));
        assertThat(ConfigDiff.of(parse(conf), parse(conf)).empty()).isTrue();
    }

    @Test
    void aRenamedInstanceWithTheSameVridAndInterfaceIsMatchedNotReplaced() throws IOException {
        ConfigDiff diff = diff(instance("VI_1", 51, "eth0", 150, "192.0.2.100"),
                instance("WEB", 51, "eth0", 150, "192.0.2.100"));
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.added()).isEmpty();
        assertThat(diff.matched()).singleElement().satisfies(m -> {
            assertThat(m.before().name()).isEqualTo("VI_1");
            assertThat(m.after().name()).isEqualTo("WEB");
            assertThat(m.changes()).containsExactly(Change.NAME);
            assertThat(m.needsRestart()).isFalse();
        });
    }

    @Test
    void aNewVridOrInterfaceIsARemovalAndAnAddition() throws IOException {
        ConfigDiff diff = diff(instance("VI_1", 51, "eth0", 150, "192.0.2.100") + instance("VI_2", 52, "eth0", 150, "192.0.2.101"),
                instance("VI_1", 61, "eth0", 150, "192.0.2.100") + instance("VI_2", 52, "eth1", 150, "198.51.100.101"));
        assertThat(names(diff.removed())).containsExactly("VI_1", "VI_2");
        assertThat(names(diff.added())).containsExactly("VI_1", "VI_2");
        assertThat(diff.matched()).isEmpty();
    }

    @Test
    void settingsThatDoNotIdentifyTheRouterAreTypedChanges() throws IOException {
        ConfigDiff diff = diff(instance("VI_1", 51, "eth0", 150, "192.0.2.100"),
                instanceWith("VI_1", 51, "eth0", 200, " nopreempt\n advert_int 2\n", "192.0.2.100", "192.0.2.101"));
        assertThat(diff.matched()).singleElement().satisfies(m -> assertThat(m.changes())
                .containsExactlyInAnyOrder(Change.PRIORITY, Change.PREEMPT, Change.TIMERS, Change.ADDRESSES));
    }

    @Test
    void unicastMatchesOnTheSourceAddressAndNeverAMulticastInstance() throws IOException {
        String unicastA = " unicast_src_ip 192.0.2.1\n unicast_peer {\n  192.0.2.2\n }\n";
        String unicastB = " unicast_src_ip 192.0.2.5\n unicast_peer {\n  192.0.2.2\n }\n";
        String peerChanged = " unicast_src_ip 192.0.2.1\n unicast_peer {\n  192.0.2.3\n }\n";
        String multicast = instance("VI_1", 51, "eth0", 150, "192.0.2.100");
        String unicast = instanceWith("VI_1", 51, "eth0", 150, unicastA, "192.0.2.100");
        assertThat(diff(multicast, unicast).matched()).isEmpty();
        assertThat(diff(unicast, instanceWith("VI_1", 51, "eth0", 150, unicastB, "192.0.2.100")).matched()).isEmpty();
        ConfigDiff peers = diff(unicast, instanceWith("VI_1", 51, "eth0", 150, peerChanged, "192.0.2.100"));
        assertThat(peers.matched()).singleElement()
                .satisfies(m -> assertThat(m.changes()).containsExactly(Change.UNICAST_PEERS));
    }

    @Test
    void aVmacOrAnotherMulticastGroupIsAnotherRouter() throws IOException {
        String plain = instance("VI_1", 51, "eth0", 150, "192.0.2.100");
        assertThat(diff(plain, instanceWith("VI_1", 51, "eth0", 150, " use_vmac\n", "192.0.2.100")).matched()).isEmpty();
        assertThat(diff(plain, instanceWith("VI_1", 51, "eth0", 150, " mcast_dst_ip 224.0.0.19\n", "192.0.2.100"))
                .matched()).isEmpty();
        // The protocol's group written out is the same group as none at all.
        assertThat(diff(plain, instanceWith("VI_1", 51, "eth0", 150, " mcast_dst_ip 224.0.0.18\n", "192.0.2.100"))
                .matched()).hasSize(1);
    }

    /** keepalived #1854: the removal of VI_2 must come before VI_1 takes over its VIP. */
    @Test
    void aVipMovingFromARemovedInstanceListsTheRemovalFirst() throws IOException {
        ConfigDiff diff = diff(instance("VI_1", 51, "eth0", 150, "192.0.2.100") + instance("VI_2", 52, "eth0", 150, "192.0.2.101"),
                instance("VI_1", 51, "eth0", 150, "192.0.2.100", "192.0.2.101"));
        assertThat(names(diff.removed())).containsExactly("VI_2");
        assertThat(diff.matched()).singleElement()
                .satisfies(m -> assertThat(m.changes()).containsExactly(Change.ADDRESSES));
        assertThat(diff.added()).isEmpty();
    }

    /** keepalived #2159: removing one instance touches no other. */
    @Test
    void removingOneInstanceLeavesTheOthersUnchanged() throws IOException {
        String kept = instance("nginx", 102, "eth0", 100, "192.0.2.102") + instance("rest", 103, "eth0", 100, "192.0.2.103");
        ConfigDiff diff = diff(kept + instance("old", 104, "eth0", 100, "192.0.2.104"), kept);
        assertThat(names(diff.removed())).containsExactly("old");
        assertThat(diff.matched()).hasSize(2).allMatch(ConfigDiff.Matched::unchanged);
    }

    @Test
    void aChangedSyncGroupRestartsItsMembers() throws IOException {
        String instances = instance("VI_1", 51, "eth0", 150, "192.0.2.100") + instance("VI_2", 52, "eth0", 150, "192.0.2.101");
        String group = "vrrp_sync_group SG {\n group {\n  VI_1\n  VI_2\n }\n}\n";
        String soloGroup = "vrrp_sync_group SG {\n group {\n  VI_1\n }\n}\n";
        ConfigDiff same = diff(group + instances, group + instances);
        assertThat(same.matched()).allMatch(ConfigDiff.Matched::unchanged);
        ConfigDiff changed = diff(group + instances, soloGroup + instances);
        assertThat(changed.matched()).hasSize(2).allMatch(ConfigDiff.Matched::needsRestart);
    }

    @Test
    void eachOldInstanceMatchesOneNewInstanceAtMost() throws IOException {
        String unicast = " unicast_src_ip 192.0.2.1\n unicast_peer {\n  192.0.2.2\n }\n";
        String secondPeer = " unicast_src_ip 192.0.2.1\n unicast_peer {\n  192.0.2.3\n }\n";
        ConfigDiff diff = diff(instanceWith("A", 51, "eth0", 150, unicast, "192.0.2.100"),
                instanceWith("A", 51, "eth0", 150, unicast, "192.0.2.100") + instanceWith("B", 51, "eth0", 150, secondPeer, "192.0.2.100"));
        assertThat(diff.matched()).singleElement().satisfies(m -> assertThat(m.after().name()).isEqualTo("A"));
        assertThat(names(diff.added())).containsExactly("B");
    }
}
