package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks, not unit tests: the name keeps them out of the default Surefire run. Run one with
 * {@code mvn -B -o -q -pl netlink -am test -Dtest='NetlinkBench#vipBatch' -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the "BENCH" lines in netlink/target/surefire-reports/*NetlinkBench-output.txt (also
 * appended to netlink/target/bench-netlink.txt). All traffic stays in namespaces made here.
 */
class NetlinkBench {
    private static final Path RESULTS = Path.of("target", "bench-netlink.txt");

    private static void report(String line) throws IOException {
        System.out.println("BENCH " + line);
        Files.writeString(RESULTS, line + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("n=%d p50=%.1fus p90=%.1fus p99=%.1fus max=%.1fus", sorted.length,
            sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.90)] / 1e3,
            sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static long okNanos(String okLine) {
        return Long.parseLong(okLine.split(" ")[1]);
    }

    /** 1,000 IPv6 and 762 IPv4 VIPs added and removed, each in one batched send with every ACK checked. */
    @Test
    void vipBatch() throws Exception {
        try (Netns ns = AddressNamespaceTest.vethNamespace("nlb-vip");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            for (String family : List.of("6 1000", "4 762")) {
                int rounds = 10;
                long[] add = new long[rounds];
                long[] remove = new long[rounds];
                for (int warmup = 0; warmup < 3; warmup++) {
                    agent.call("addmany veth0 " + family, 60_000);
                    agent.call("removemany veth0 " + family, 60_000);
                }
                for (int i = 0; i < rounds; i++) {
                    add[i] = okNanos(agent.call("addmany veth0 " + family, 60_000));
                    remove[i] = okNanos(agent.call("removemany veth0 " + family, 60_000));
                }
                report("vip-batch family=IPv" + family.split(" ")[0] + " count=" + family.split(" ")[1]
                    + " add: " + percentiles(add) + " | remove: " + percentiles(remove));
            }
        }
    }

    /** Advert send→receive latency across a veth pair (pcap4j both ends, immediate mode). */
    @Test
    void advertLatency() throws Exception {
        int count = 2000;
        try (TwoNamespaces pair = TwoNamespaces.create("nlb-lat");
             ChildJvm receiver = new ChildJvm(pair.a.name, PortAgent.class, "quiet");
             ChildJvm sender = new ChildJvm(pair.b.name, PortAgent.class, "quiet")) {
            receiver.await("READY"::equals, 20_000, "receiver start");
            sender.await("READY"::equals, 20_000, "sender start");
            receiver.call("listen vethA", 5_000);
            sender.call("latency vethB 500 1000", 30_000); // warm-up
            sender.call("latency vethB " + count + " 1000", 60_000);
            long[] received = new long[1];
            try {
                Poll.until(() -> (received[0] = receiver.transcript().stream()
                    .filter(l -> l.contains("FrameReceived vethA")).count()) >= 500 + count, 5_000, "all adverts");
            } catch (AssertionError someLost) {
                // reported below: a benchmark measures, it does not stop at the first loss
            }
            String drops = receiver.call("drops vethA", 5_000).substring(3);
            Map<Integer, Long> sent = new HashMap<>();
            List<String> senderLines = sender.transcript();
            for (String line : senderLines.subList(Math.max(0, senderLines.size() - count - 1), senderLines.size())) {
                if (line.startsWith("SENT ")) {
                    String[] parts = line.split(" ");
                    sent.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                }
            }
            List<Long> latencies = new ArrayList<>();
            for (String line : receiver.transcript()) {
                if (line.contains("FrameReceived vethA") && line.contains(" id=")) {
                    int id = Integer.parseInt(line.substring(line.indexOf(" id=") + 4).trim());
                    Long sentNanos = sent.get(id);
                    if (sentNanos != null) {
                        latencies.add(Long.parseLong(line.split(" ")[1]) - sentNanos);
                    }
                }
            }
            report("advert-latency veth pair, 1 ms apart: " + percentiles(latencies.stream().mapToLong(Long::longValue).toArray())
                + " | received " + received[0] + " of " + (500 + count) + ", kernel capture drops " + drops);
        }
    }

    /** CPU and wall time per sent advert frame, back to back. */
    @Test
    void sendCost() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlb-cpu");
             ChildJvm sender = new ChildJvm(pair.b.name, PortAgent.class, "quiet")) {
            sender.await("READY"::equals, 20_000, "sender start");
            sender.call("burst vethB 20000", 60_000); // warm-up
            for (int i = 0; i < 3; i++) {
                report("send-cost " + sender.call("burst vethB 20000", 60_000).substring(3));
            }
        }
    }
}
