package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Capture.Packet;
import org.jkeepalived.daemon.testing.HttpPoller;
import org.jkeepalived.daemon.testing.HttpPoller.Request;
import org.jkeepalived.daemon.testing.Nginx;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.jkeepalived.daemon.testing.Vrrp;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, check 3: nginx on both load balancers of the example pair, a client polling the VIP
 * every 10 ms through a link-cut failover. Service resumes from the new master within
 * Master_Down_Interval + 100 ms of the old master's last advert, and after the takeover no
 * request is answered by the old master.
 */
class NginxFailoverIT {
    private static final String VIP = "192.0.2.100";

    @Test
    void clientIsServedByTheNewMasterWithinMasterDownIntervalAfterALinkCut() {
        Path dir = TestDirs.create("nginx");
        try (Topology lan = Topology.of("lb1", "lb2", "client");
             Nginx nginx1 = Nginx.start(lan.node("lb1").ns(), dir.resolve("nginx1"), "lb1");
             Nginx nginx2 = Nginx.start(lan.node("lb2").ns(), dir.resolve("nginx2"), "lb2");
             Capture capture = lan.capture(dir.resolve("lan.pcap"));
             RunningDaemon d1 = RunningDaemon.start(Kind.JKEEPALIVED, lan.node("lb1").ns(), dir.resolve("lb1"),
                     Vrrp.example("nginx-pair/lb1.conf"))) {
            Node lb1 = lan.node("lb1");
            Node lb2 = lan.node("lb2");
            // lb1 first: started together, the JVM that comes up first would win the first election.
            d1.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(15));
            RunningDaemon d2 = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("lb2"),
                    Vrrp.example("nginx-pair/lb2.conf"));
            try (d2) {
                runFailover(lan, dir, d2, capture, lb1, lb2);
            }
        }
    }

    private static void runFailover(Topology lan, Path dir, RunningDaemon d2, Capture capture, Node lb1, Node lb2) {
        Poll.until("VIP on lb1 only", Duration.ofSeconds(15), () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        d2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(10));
        // Two adverts from lb1 after lb2 is up, so lb2's down timer runs from lb1's last advert.
        long backupUpNanos = System.currentTimeMillis() * 1_000_000L;
        Poll.until("two adverts from lb1 heard by lb2", Duration.ofSeconds(5), () -> capture.packets(
                p -> p.isVrrp(51) && p.source().equals(lb1.ipv4()) && p.epochNanos() > backupUpNanos).size() >= 2);
        try (HttpPoller client = HttpPoller.start(lan.node("client").ns(), dir.resolve("client"), VIP, 10, 200, 2000)) {
            Poll.until("the client served by lb1", Duration.ofSeconds(5),
                    () -> client.requests().stream().filter(r -> r.body().equals("node lb1")).count() >= 20);
            lan.cut("lb1");
            Poll.until("the client served by lb2", Duration.ofSeconds(10),
                    () -> client.requests().stream().filter(r -> r.body().equals("node lb2")).count() >= 20);
            client.stop();
            judge(client.requests(), capture, lb1, lb2);
        }
    }

    private static void judge(List<Request> requests, Capture capture, Node lb1, Node lb2) {
        List<Packet> fromLb1 = capture.packets(p -> p.isVrrp(51) && p.source().equals(lb1.ipv4()));
        Packet lastOfOldMaster = fromLb1.get(fromLb1.size() - 1);
        Packet takeover = capture.packets(p -> p.isVrrp(51) && p.source().equals(lb2.ipv4())
                && p.epochNanos() > lastOfOldMaster.epochNanos()).get(0);
        Request firstFromNew = requests.stream().filter(r -> r.body().equals("node lb2"))
                .min(java.util.Comparator.comparingLong(Request::endNanos)).orElseThrow();
        long resumed = firstFromNew.endNanos() - lastOfOldMaster.epochNanos();
        long budget = Vrrp.masterDownV2Nanos(100, 1) + 100_000_000L;
        assertThat(resumed).as("service resumed %s after the old master's last advert; budget %s", Vrrp.millis(resumed),
                Vrrp.millis(budget)).isLessThanOrEqualTo(budget);
        assertThat(requests).as("requests answered by the old master after the takeover")
                .filteredOn(r -> r.body().equals("node lb1") && r.endNanos() > takeover.epochNanos()).isEmpty();
        assertThat(requests).as("answers from anything but the two nodes")
                .filteredOn(r -> r.ok() && !r.body().equals("node lb1") && !r.body().equals("node lb2")).isEmpty();
        long polls = requests.stream().filter(r -> r.startNanos() > lastOfOldMaster.epochNanos()
                && r.endNanos() < firstFromNew.startNanos()).count();
        assertThat(polls).as("the client kept polling through the outage").isGreaterThan(100);
    }
}
