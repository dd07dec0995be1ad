package org.jkeepalived.config.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.model.Authentication;
import org.jkeepalived.config.model.GarpSettings;
import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Effective values: for every corpus file whose keepalived {@code -d} dump has a VRRP topology,
 * every instance's state, priority, VRID, interface, advert interval, version, VIPs, auth, preempt,
 * GARP settings, unicast peers, tracked interfaces/scripts, sync group and notify scripts equal
 * keepalived's, and so do the global GARP/timer defaults and the sync groups' members.
 */
class CorpusDumpTest {

    static Stream<String> dumps() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Corpus.ROOT.resolve("expected-output/dump"))) {
            for (Path p : files.sorted().toList()) {
                if (Files.readString(p).contains("------< VRRP Topology >------")) {
                    out.add(p.getFileName().toString());
                }
            }
        }
        return out.stream();
    }

    /** The corpus file a dump belongs to ("etc_keepalived.conf.dump" → "etc/keepalived.conf"). */
    private static String corpusFile(String dumpName) {
        String base = dumpName.substring(0, dumpName.length() - ".dump".length());
        for (String dir : List.of("etc_", "docker_", "generated_", "historical_", "lexical-probes_")) {
            if (base.startsWith(dir)) {
                return dir.substring(0, dir.length() - 1) + "/" + base.substring(dir.length());
            }
        }
        return base;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void effectiveValuesMatchKeepalivedDump(String dumpName) {
        KeepalivedDump dump = KeepalivedDump.read(Corpus.ROOT.resolve("expected-output/dump").resolve(dumpName));
        ParseResult result = Corpus.parse(corpusFile(dumpName), Corpus.ifaces(), null);
        KeepalivedConfig config = result.config();
        SoftAssertions soft = new SoftAssertions();
        globals(soft, dump, config.globalDefs());
        assertThat(config.vrrpInstances()).extracting(VrrpInstance::name)
                .containsExactlyElementsOf(dump.instances.stream().map(KeepalivedDump.Instance::name).toList());
        for (KeepalivedDump.Instance expected : dump.instances) {
            instance(soft, expected, config.instance(expected.name()));
        }
        for (Map.Entry<String, List<String>> g : dump.syncGroups.entrySet()) {
            VrrpSyncGroup group = config.syncGroups().stream().filter(s -> s.name().equals(g.getKey())).findFirst()
                    .orElse(null);
            soft.assertThat(group).as("sync group %s", g.getKey()).isNotNull();
            if (group != null) {
                soft.assertThat(group.members()).as("members of %s", g.getKey()).containsExactlyElementsOf(g.getValue());
            }
        }
        soft.assertAll();
    }

    private static void globals(SoftAssertions soft, KeepalivedDump dump, GlobalDefs g) {
        Map<String, String> v = dump.globals;
        GarpSettings garp = g.garp();
        soft.assertThat(garp.masterDelaySeconds()).as("global garp delay").isEqualTo(num(v.get("Gratuitous ARP delay")));
        soft.assertThat(garp.masterRepeat()).as("global garp repeat").isEqualTo(num(v.get("Gratuitous ARP repeat")));
        soft.assertThat(garp.masterRefreshSeconds()).as("global garp refresh").isEqualTo(num(v.get("Gratuitous ARP refresh timer")));
        soft.assertThat(garp.masterRefreshRepeat()).as("global garp refresh repeat")
                .isEqualTo(num(v.get("Gratuitous ARP refresh repeat")));
        soft.assertThat(garp.lowerPrioDelaySeconds()).as("global lower prio delay")
                .isEqualTo(num(v.get("Gratuitous ARP lower priority delay")));
        soft.assertThat(garp.lowerPrioRepeat()).as("global lower prio repeat")
                .isEqualTo(num(v.get("Gratuitous ARP lower priority repeat")));
        soft.assertThat(g.downTimerAdverts()).as("down timer adverts").isEqualTo(num(v.get("Num adverts before down")));
        soft.assertThat(String.format("%d.%06d", g.garpIntervalMicros() / 1_000_000, g.garpIntervalMicros() % 1_000_000))
                .as("garp interval").isEqualTo(v.get("Gratuitous ARP interval"));
        soft.assertThat(String.format("%d.%06d", g.gnaIntervalMicros() / 1_000_000, g.gnaIntervalMicros() % 1_000_000))
                .as("gna interval").isEqualTo(v.get("Gratuitous NA interval"));
        soft.assertThat(g.vrrpVersion()).as("vrrp version").isEqualTo(num(v.get("VRRP default protocol version")));
        soft.assertThat(g.vrrpStrict()).as("strict").isEqualTo(Boolean.parseBoolean(v.get("VRRP strict mode")));
        soft.assertThat(g.vrrpMcastGroup4()).as("mcast group 4").isEqualTo(v.get("VRRP IPv4 mcast group"));
        soft.assertThat(g.defaultInterface()).as("default interface").isEqualTo(v.get("Default interface"));
        soft.assertThat(g.lowerPrioNoAdvert()).as("lower prio no advert")
                .isEqualTo(!Boolean.parseBoolean(v.get("Send advert after receive lower priority advert")));
    }

    private static void instance(SoftAssertions soft, KeepalivedDump.Instance e, VrrpInstance vi) {
        String n = e.name();
        Map<String, String> v = e.values();
        soft.assertThat(vi.state().name()).as("%s state", n).isEqualTo(v.get("Wantstate"));
        soft.assertThat(vi.priority()).as("%s priority", n).isEqualTo(num(v.get("Priority")));
        soft.assertThat(vi.virtualRouterId()).as("%s vrid", n).isEqualTo(num(v.get("Virtual Router ID")));
        soft.assertThat(vi.version()).as("%s version", n).isEqualTo(num(v.get("VRRP Version")));
        String iface = v.get("Interface");
        if (iface.contains(", vmac on ")) {
            soft.assertThat(vi.useVmac()).as("%s use_vmac", n).isNotNull();
            iface = iface.substring(iface.indexOf(", vmac on ") + 10);
        }
        soft.assertThat(vi.interfaceName()).as("%s interface", n).isEqualTo(iface);
        soft.assertThat(vi.advertIntervalMicros()).as("%s advert interval", n).isEqualTo(micros(v.get("Advert interval")));
        soft.assertThat(vi.preempt()).as("%s preempt", n).isEqualTo(v.get("Preempt").equals("enabled"));
        soft.assertThat(vi.accept()).as("%s accept", n).isEqualTo(v.get("Accept").equals("enabled"));
        if (v.containsKey("Preempt delay")) {
            soft.assertThat(vi.preemptDelayMicros()).as("%s preempt delay", n).isEqualTo(micros(v.get("Preempt delay")));
        }
        garp(soft, n, v, vi.garp());
        soft.assertThat(vi.downTimerAdverts()).as("%s down timer", n).isEqualTo(num(v.get("Down timer adverts")));
        auth(soft, n, v, vi.authentication());
        soft.assertThat(vi.syncGroup()).as("%s sync group", n).isEqualTo(v.get("Sync group"));
        soft.assertThat(vi.virtualIps().stream().map(CorpusDumpTest::vipText).toList()).as("%s VIPs", n)
                .containsExactlyElementsOf(e.lists().getOrDefault("Virtual IP", List.of()).stream()
                        .map(l -> l.replaceAll(" dev (\\S+)@\\S+ ", " dev $1 ")).toList());
        soft.assertThat(vi.unicastPeers().stream().map(p -> p.address() + " min_ttl " + p.minTtl() + " max_ttl "
                + p.maxTtl()).toList()).as("%s unicast peers", n)
                .containsExactlyElementsOf(e.lists().getOrDefault("Unicast Peer", List.of()));
        soft.assertThat(vi.trackedInterfaces().stream().map(t -> t.name() + " weight " + t.weight()
                + (t.reverse() ? " reverse" : "")).toList()).as("%s tracked interfaces", n)
                .containsExactlyElementsOf(e.lists().getOrDefault("Tracked interfaces", List.of()));
        soft.assertThat(vi.trackedScripts().stream().map(t -> t.name() + " weight " + t.weight()
                + (t.reverse() ? " reverse" : "")).toList()).as("%s tracked scripts", n)
                .containsExactlyElementsOf(e.lists().getOrDefault("Tracked scripts", List.of()));
        notify(soft, n, v, vi.notifyScripts());
    }

    private static void garp(SoftAssertions soft, String n, Map<String, String> v, GarpSettings g) {
        soft.assertThat(g.masterDelaySeconds()).as("%s garp delay", n).isEqualTo(num(v.get("Gratuitous ARP delay")));
        soft.assertThat(g.masterRepeat()).as("%s garp repeat", n).isEqualTo(num(v.get("Gratuitous ARP repeat")));
        soft.assertThat(g.masterRefreshSeconds()).as("%s garp refresh", n).isEqualTo(num(v.get("Gratuitous ARP refresh")));
        soft.assertThat(g.masterRefreshRepeat()).as("%s garp refresh repeat", n)
                .isEqualTo(num(v.get("Gratuitous ARP refresh repeat")));
        soft.assertThat(g.lowerPrioDelaySeconds()).as("%s lower prio delay", n)
                .isEqualTo(num(v.get("Gratuitous ARP lower priority delay")));
        soft.assertThat(g.lowerPrioRepeat()).as("%s lower prio repeat", n)
                .isEqualTo(num(v.get("Gratuitous ARP lower priority repeat")));
    }

    private static void auth(SoftAssertions soft, String n, Map<String, String> v, Authentication a) {
        String type = switch (a.type()) {
            case NONE -> "none";
            case PASS -> "SIMPLE_PASSWORD";
            case AH -> "IPSEC_AH";
        };
        soft.assertThat(type).as("%s auth type", n).isEqualTo(v.getOrDefault("Authentication type", "none"));
        if (v.containsKey("Password")) {
            soft.assertThat(a.password()).as("%s auth password", n).isEqualTo(v.get("Password"));
        }
    }

    private static final Map<String, String> NOTIFY_LABELS = Map.of("notify", "Generic state transition script",
            "notify_master", "Master state transition script", "notify_backup", "Backup state transition script",
            "notify_fault", "Fault state transition script", "notify_stop", "Stop state transition script");

    private static void notify(SoftAssertions soft, String n, Map<String, String> v, Map<String, NotifyScript> scripts) {
        for (Map.Entry<String, String> label : NOTIFY_LABELS.entrySet()) {
            String dumped = v.get(label.getValue());
            NotifyScript ours = scripts.get(label.getKey());
            if (dumped == null) {
                soft.assertThat(ours).as("%s %s", n, label.getKey()).isNull();
                continue;
            }
            soft.assertThat(ours).as("%s %s", n, label.getKey()).isNotNull();
            if (ours != null) {
                String args = dumped.substring(0, dumped.lastIndexOf(", uid:gid"));
                List<String> argv = new ArrayList<>();
                for (String quoted : args.split("' '")) {
                    argv.add(quoted.replace("'", ""));
                }
                String base = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
                soft.assertThat(ours.argv().get(0)).as("%s %s program", n, label.getKey()).endsWith("/" + base);
                soft.assertThat(ours.argv().subList(1, ours.argv().size())).as("%s %s args", n, label.getKey())
                        .containsExactlyElementsOf(argv.subList(1, argv.size()));
            }
        }
    }

    private static String vipText(VirtualIp ip) {
        int max = ip.family() == org.jkeepalived.config.model.AddressFamily.IPV6 ? 128 : 32;
        StringBuilder sb = new StringBuilder(ip.address());
        if (ip.prefixLength() != max) {
            sb.append('/').append(ip.prefixLength());
        }
        if (ip.broadcast() != null) {
            sb.append(" brd ").append(ip.broadcast());
        }
        sb.append(" dev ").append(ip.dev()).append(" scope ").append(ip.scope());
        if (ip.label() != null) {
            sb.append(" label ").append(ip.label());
        }
        return sb.toString();
    }

    private static int num(String s) {
        return Integer.parseInt(s.trim().split(" ")[0]);
    }

    private static long micros(String s) {
        String[] p = s.trim().split(" ");
        long v = Long.parseLong(p[0]);
        return p[1].startsWith("milli") ? v * 1000 : v * 1_000_000;
    }
}
