package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Link and address changes made by another process reach the monitor as events within 50 ms,
 * and an overflowing monitor re-reads the kernel state and says so.
 */
class MonitorNamespaceTest {
    private static final long MAX_EVENT_LATENCY_NANOS = 50_000_000L;

    /** Runs {@code change}, then waits for the event line and returns its latency in nanoseconds. */
    private static long latency(ChildJvm agent, String eventPrefix, String alsoContaining, Poll.Condition change)
            throws Exception {
        long before = System.nanoTime();
        change.holds();
        String line = agent.await(l -> l.startsWith("EVENT ") && l.split(" ", 3)[2].startsWith(eventPrefix)
            && l.contains(alsoContaining), 5_000, eventPrefix);
        System.out.println("observed: " + line);
        long eventNanos = Long.parseLong(line.split(" ")[1]);
        return eventNanos - before;
    }

    @Test
    void linkDownAddressDeletedAndInterfaceDeletedArriveWithin50ms() throws Exception {
        try (Netns ns = AddressNamespaceTest.vethNamespace("nlt-mon");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("monitor", 10_000);
            assertThat(agent.call("link veth0", 5_000)).contains("name=veth0").contains("up=true");

            long linkDown = latency(agent, "LinkChanged veth0 ", "up=false", () -> {
                ns.ip("link", "set", "veth0", "down");
                return true;
            });

            agent.call("add 192.0.2.77 dev veth1", 5_000);
            agent.await(l -> l.contains("AddressAdded veth1 192.0.2.77/32"), 5_000, "our VIP added");
            long addressDeleted = latency(agent, "AddressRemoved veth1 192.0.2.77/32", "", () -> {
                ns.ip("addr", "del", "192.0.2.77/32", "dev", "veth1");
                return true;
            });

            ns.ip("link", "add", "extra0", "type", "veth", "peer", "name", "extra1");
            agent.await(l -> l.contains("LinkChanged extra0"), 5_000, "extra0 created");
            long interfaceDeleted = latency(agent, "LinkDeleted[device=extra0", "", () -> {
                ns.ip("link", "del", "extra0");
                return true;
            });
            System.out.printf("event latency (ms, including starting ip): link down %.2f, address deleted %.2f,"
                + " interface deleted %.2f%n", linkDown / 1e6, addressDeleted / 1e6, interfaceDeleted / 1e6);
            assertThat(linkDown).isLessThan(MAX_EVENT_LATENCY_NANOS);
            assertThat(addressDeleted).isLessThan(MAX_EVENT_LATENCY_NANOS);
            assertThat(interfaceDeleted).isLessThan(MAX_EVENT_LATENCY_NANOS);
            assertThat(agent.call("link extra0", 5_000)).endsWith("absent");
        }
    }

    @Test
    void overflowLeadsToAFullRedumpAndAResynchronisedEvent() throws Exception {
        Path batch = Files.createTempFile("nlt-burst", ".ip");
        try (Netns ns = AddressNamespaceTest.vethNamespace("nlt-ovf");
             // a tiny monitor buffer, so a burst of address events overflows it
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class, "4096")) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("monitor", 10_000);
            List<String> commands = new ArrayList<>();
            for (int i = 1; i <= 3000; i++) {
                commands.add("addr add 2001:db8:2::" + Integer.toHexString(i) + "/128 dev veth1 nodad");
            }
            Files.write(batch, commands);
            ns.ip("-batch", batch.toString());
            agent.await(l -> l.startsWith("EVENT ") && l.contains("Resynchronised"), 10_000, "Resynchronised");
            assertThat(Long.parseLong(agent.call("resyncs", 5_000).split(" ")[2])).isPositive();
            // after the re-dump the cached state is complete again: 3000 VIPs + the link-local
            String[] count = new String[1];
            Poll.until(() -> (count[0] = agent.call("addresscount veth1", 5_000)).endsWith(" 3001"), 10_000,
                () -> "3001 addresses on veth1 in the monitor's state, last answer: " + count[0]);
        } finally {
            Files.deleteIfExists(batch);
        }
    }
}
