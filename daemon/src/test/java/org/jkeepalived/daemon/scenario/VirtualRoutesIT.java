package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.Test;

/**
 * {@code virtual_routes}, {@code virtual_rules}, {@code static_ipaddress}, {@code static_routes}
 * and {@code static_rules}: the same configuration runs under keepalived 2.2.7 and under
 * jkeepalived on lb1 of a fresh LAN each, through the same steps, and what {@code ip route show
 * table all}, {@code ip rule} and {@code ip addr} show on lb1 after each step must be the same
 * for both (and hold what each step is about). Steps: a stale virtual rule is removed at
 * startup (a stale route too, by jkeepalived only: keepalived 2.2.7 leaves it); static ones are there from the start; MASTER sets the virtual routes and rules; a
 * higher-priority peer makes lb1 BACKUP and they go (the static ones stay); the peer stops and
 * they come back; a SIGHUP changes routes, rules and statics of the kept MASTER; SIGTERM
 * removes everything.
 */
class VirtualRoutesIT {
    private static final String VIP = "192.0.2.100";

    private static String config(String routes, String rules, String statics) {
        return statics + "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n"
                + "  priority 150\n  advert_int 1\n  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n"
                + "  virtual_routes {\n" + routes + "  }\n  virtual_rules {\n" + rules + "  }\n}\n";
    }

    private static final String ROUTES = """
                198.51.100.0/24 via 192.0.2.1 dev eth0
                203.0.113.0/26 dev eth0 table 100 metric 7 src 192.0.2.100
                blackhole 198.51.100.128/25 table 100
                2001:db8:5::/64 via 2001:db8::1 dev eth0
            """;
    private static final String RULES = """
                from 192.0.2.100 table 100 preference 200
                to 198.51.100.7/32 table 100 preference 201 fwmark 5
                iif eth0 table 100 preference 202
            """;
    private static final String STATICS = """
            static_ipaddress {
                192.0.2.200/24 dev eth0
            }
            static_routes {
                203.0.113.128/25 via 192.0.2.1 dev eth0
            }
            static_rules {
                from 203.0.113.9 table 101 preference 300
            }
            """;
    private static final String RELOADED_ROUTES = """
                198.51.100.0/25 via 192.0.2.1 dev eth0
                203.0.113.0/26 dev eth0 table 100 metric 7 src 192.0.2.100
                blackhole 198.51.100.128/25 table 100
                2001:db8:5::/64 via 2001:db8::1 dev eth0
            """;
    private static final String RELOADED_RULES = """
                from 192.0.2.100 table 100 preference 200
                iif eth0 table 100 preference 202
                from 192.0.2.101 table 100 preference 205
            """;
    private static final String RELOADED_STATICS = """
            static_ipaddress {
                192.0.2.201/24 dev eth0
            }
            static_routes {
                203.0.113.128/26 via 192.0.2.1 dev eth0
            }
            static_rules {
                from 203.0.113.10 table 101 preference 301
            }
            """;

    private static final String STALE_ROUTE = "route 198.51.100.0/24 via 192.0.2.1 dev eth0 proto keepalived";

    private static final String PEER = "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n"
            + "  priority 200\n  advert_int 1\n  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n";

    @Test
    void routesRulesAndStaticsFollowTheStateAsInKeepalived() throws Exception {
        Netns.requireRoot();
        Map<String, String> keepalived = run(Kind.KEEPALIVED);
        Map<String, String> jkeepalived = run(Kind.JKEEPALIVED);
        // keepalived 2.2.7 logs "removing Virtual Routes" at startup but leaves a stale route in
        // place (it removes stale rules and VIPs); jkeepalived removes it (docs/compatibility.md).
        keepalived.put("startup", keepalived.get("startup").replace(STALE_ROUTE + "\n", ""));
        for (String step : keepalived.keySet()) {
            assertThat(jkeepalived.get(step)).as("after " + step + " (keepalived 2.2.7 left:\n%s)", keepalived.get(step))
                    .isEqualTo(keepalived.get(step));
        }
    }

    /** Runs every step with {@code kind} on lb1 and returns lb1's routing state after each. */
    private Map<String, String> run(Kind kind) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        Path dir = TestDirs.create("vroutes-" + kind.name().toLowerCase());
        try (Topology lan = Topology.of("lb1", "lb2")) {
            Node lb1 = lan.node("lb1");
            lb1.ip("route", "add", "198.51.100.0/24", "via", "192.0.2.1", "dev", "eth0", "proto", "18");
            lb1.ip("rule", "add", "from", VIP, "table", "100", "preference", "200", "proto", "18");
            try (RunningDaemon daemon = RunningDaemon.start(kind, lb1.ns(), dir.resolve("lb1"),
                    config(ROUTES, RULES, STATICS))) {
                daemon.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(20));
                boolean staleRouteStays = kind == Kind.KEEPALIVED;
                seen.put("startup", await(lb1, "statics set, stale rule gone", s -> s.contains("203.0.113.128/25 via")
                        && s.contains("from 203.0.113.9 lookup 101") && s.contains("inet 192.0.2.200/24")
                        && !s.contains("lookup 100") && s.contains(STALE_ROUTE) == staleRouteStays));
                assertThat(daemon.logLines("Entering MASTER")).as("still BACKUP when the startup state was read").isEmpty();

                daemon.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(20));
                seen.put("master", await(lb1, "virtual routes and rules set", s -> s.contains("198.51.100.0/24 via")
                        && s.contains("2001:db8:5::/64 via") && s.contains("blackhole 198.51.100.128/25 table 100")
                        && s.contains("iif eth0 lookup 100") && s.contains("inet " + VIP + "/24")));

                try (RunningDaemon peer = RunningDaemon.start(kind, lan.node("lb2").ns(), dir.resolve("lb2"), PEER)) {
                    peer.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(20));
                    daemon.awaitLogCount("\\(VI_1\\) Entering BACKUP STATE", 2, Duration.ofSeconds(10));
                    seen.put("backup", await(lb1, "virtual routes and rules gone, statics kept",
                            s -> !s.contains("198.51.100.0/24 via") && !s.contains("lookup 100")
                                    && !s.contains("inet " + VIP + "/24") && s.contains("203.0.113.128/25 via")));
                }
                daemon.awaitLogCount("\\(VI_1\\) Entering MASTER STATE", 2, Duration.ofSeconds(10));
                seen.put("master again", await(lb1, "virtual routes and rules back",
                        s -> s.contains("198.51.100.0/24 via") && s.contains("iif eth0 lookup 100")));

                Files.writeString(daemon.directory().resolve("keepalived.conf"),
                        config(RELOADED_ROUTES, RELOADED_RULES, RELOADED_STATICS));
                daemon.signal("HUP");
                seen.put("reload", await(lb1, "reloaded routes, rules and statics", s -> s.contains("198.51.100.0/25 via")
                        && !s.contains("198.51.100.0/24 via") && s.contains("from 192.0.2.101 lookup 100")
                        && !s.contains("fwmark") && s.contains("203.0.113.128/26 via")
                        && !s.contains("203.0.113.128/25") && s.contains("inet 192.0.2.201/24")
                        && !s.contains("192.0.2.200/24") && s.contains("from 203.0.113.10 lookup 101")));
                assertThat(daemon.logLines("Entering ")).as("transitions, reload included").hasSize(4);

                daemon.signal("TERM");
                daemon.awaitExit(Duration.ofSeconds(10));
                seen.put("stop", await(lb1, "everything removed", s -> !s.contains("proto keepalived")
                        && !s.contains(VIP + "/") && !s.contains("192.0.2.201/")));
            }
        }
        return seen;
    }

    private static String await(Node node, String what, Predicate<String> condition) {
        String[] last = {""};
        try {
            Poll.until(what, Duration.ofSeconds(10), () -> condition.test(last[0] = routingState(node)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; state:\n" + last[0], e);
        }
        return last[0];
    }

    /**
     * What lb1's kernel holds that either daemon may have set: every route of every table other
     * than the kernel's own, every rule, and eth0's IPv4 addresses (node addresses excluded from none:
     * both runs have the same). Sorted, so that order of installation does not matter.
     */
    private static String routingState(Node node) {
        List<String> lines = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (String line : node.ip(family, "route", "show", "table", "all").split("\n")) {
                if (!line.isBlank() && !line.contains("proto kernel") && !line.startsWith("local ")
                        && !line.startsWith("broadcast ") && !line.startsWith("multicast ")) {
                    lines.add("route " + line.trim());
                }
            }
            for (String line : node.ip(family, "rule", "show").split("\n")) {
                if (!line.isBlank()) {
                    lines.add("rule" + family + " " + line.trim());
                }
            }
        }
        for (String line : node.ip("-4", "-o", "addr", "show", "dev", "eth0").split("\n")) {
            String[] words = line.trim().split("\\s+");
            int at = Arrays.asList(words).indexOf("inet");
            if (at >= 0) {
                lines.add("addr inet " + words[at + 1]);
            }
        }
        lines.sort(null);
        return String.join("\n", lines);
    }
}
