package org.jkeepalived.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP on the real daemon, judged from outside (issue 3, check 6; keepalived-runtime.md §2):
 * the VIPs as {@code ip monitor} sees them, the adverts as tcpdump sees them, the transitions as
 * the log reports them. Instances are v3 at 100 ms so that a lone node is MASTER within half a
 * second. Each test has its own namespaces and daemon.
 */
class ReloadIT {
    private static final String VIP_A = "192.0.2.10";
    private static final String VIP_B = "192.0.2.11";
    private static final String VIP_C = "192.0.2.20";

    @TempDir
    Path dir;

    private ReloadLab lab;

    @BeforeEach
    void createLab() {
        lab = ReloadLab.create(dir);
    }

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String config(String... instances) {
        return "global_defs {\n    router_id lb1\n}\n" + String.join("", instances);
    }

    private static String instance(String name, int vrid, String... vips) {
        return instance(name, vrid, 150, vips);
    }

    private static String instance(String name, int vrid, int priority, String... vips) {
        StringBuilder b = new StringBuilder("vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n"
                + "    virtual_router_id " + vrid + "\n    version 3\n    priority " + priority + "\n    advert_int 0.1\n"
                + "    virtual_ipaddress {\n");
        for (String vip : vips) {
            b.append("        ").append(vip).append("/32\n");
        }
        return b.append("    }\n}\n").toString();
    }

    /** Starts the daemon with {@code config} and waits for VI_1 to be MASTER holding VIP_A. */
    private void startMaster(String config) {
        lab.writeConfig(config);
        lab.startDaemon();
        lab.awaitMaster("VI_1", VIP_A);
    }

    private int transitions(String instance) {
        return lab.logLines("(" + instance + ") Entering");
    }

    @Test
    void anUnchangedConfigurationCausesNoTransitionNoVipRemovalAndNoClientError() {
        startMaster(config(instance("VI_1", 51, VIP_A)));
        lab.startNginxAndClient(VIP_A);
        lab.awaitMoreClientResults(20);
        int requestsBefore = lab.clientResults();
        int transitions = transitions("VI_1");
        lab.hup();
        lab.awaitReloads(1);
        lab.awaitMoreAdverts(51, 5);
        lab.awaitMoreClientResults(20);
        assertThat(lab.clientErrorsAfter(requestsBefore)).as("client results other than 200 from the reload on")
                .isEmpty();
        assertThat(lab.log()).contains("Configuration unchanged");
        assertThat(transitions("VI_1")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
        assertThat(lab.hasAddress(VIP_A)).isTrue();
    }

    @Test
    void aNewVipIsAddedWithoutAFlapOrAClientError() {
        startMaster(config(instance("VI_1", 51, VIP_A)));
        lab.startNginxAndClient(VIP_A);
        lab.awaitMoreClientResults(20);
        int requestsBefore = lab.clientResults();
        int transitions = transitions("VI_1");
        lab.writeConfig(config(instance("VI_1", 51, VIP_A, VIP_B)));
        lab.hup();
        lab.awaitAddress(VIP_B, true);
        lab.awaitAdvertWithAddresses(51, 2);
        lab.awaitMoreClientResults(20);
        assertThat(lab.clientErrorsAfter(requestsBefore)).as("client results other than 200 from the reload on")
                .isEmpty();
        assertThat(lab.log()).contains("(VI_1) reloaded, keeping its MASTER state");
        assertThat(transitions("VI_1")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
    }

    /** keepalived #208: SIGHUPs in quick succession must not move a MASTER. */
    @Test
    void tenSighupsInOneSecondLeaveTheStateUnchanged() {
        String one = config(instance("VI_1", 51, VIP_A));
        String two = config(instance("VI_1", 51, VIP_A, VIP_B));
        startMaster(one);
        int transitions = transitions("VI_1");
        for (int i = 0; i < 10; i++) {
            lab.writeConfig(i % 2 == 0 ? two : one);
            lab.hup();
            // Pacing of the stimulus (ten within one second), not a wait for the daemon.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(90));
        }
        lab.awaitReloads(10);
        lab.awaitAddress(VIP_A, true);
        lab.awaitAddress(VIP_B, false);
        lab.awaitMoreAdverts(51, 5);
        assertThat(transitions("VI_1")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
    }

    @Test
    void aBrokenConfigurationIsRejectedAndTheOldOneKeepsRunning() {
        startMaster(config(instance("VI_1", 51, VIP_A)));
        int transitions = transitions("VI_1");
        lab.writeConfig("vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id\n    priority 150\n");
        lab.hup();
        lab.awaitLog("Reload of configuration failed");
        assertThat(lab.log()).contains("is missing a parameter after keyword `virtual_router_id`");
        lab.awaitMoreAdverts(51, 5);
        assertThat(lab.hasAddress(VIP_A)).isTrue();
        assertThat(transitions("VI_1")).isEqualTo(transitions);
        // The daemon is still able to take a good configuration afterwards.
        lab.writeConfig(config(instance("VI_1", 51, VIP_A, VIP_B)));
        lab.hup();
        lab.awaitAddress(VIP_B, true);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(transitions("VI_1")).isEqualTo(transitions);
    }

    @Test
    void aRenamedInstanceWithTheSameVridAndInterfaceKeepsItsState() {
        startMaster(config(instance("VI_1", 51, VIP_A)));
        lab.writeConfig(config(instance("WEB", 51, VIP_A)));
        lab.hup();
        lab.awaitReloads(1);
        lab.awaitMoreAdverts(51, 5);
        assertThat(lab.log()).contains("(WEB) reloaded, keeping its MASTER state");
        assertThat(transitions("WEB")).as(lab.evidence()).isZero();
        assertThat(transitions("VI_1")).isEqualTo(2); // BACKUP (init), then MASTER, before the reload
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
    }

    /** keepalived #2159: removing one instance releases its VIPs and touches no other. */
    @Test
    void aRemovedInstanceReleasesItsVipsAndTheOthersStay() {
        startMaster(config(instance("VI_1", 51, VIP_A), instance("VI_2", 52, VIP_C)));
        lab.awaitMaster("VI_2", VIP_C);
        int transitions = transitions("VI_1");
        lab.writeConfig(config(instance("VI_1", 51, VIP_A)));
        lab.hup();
        lab.awaitAddress(VIP_C, false);
        lab.await("a priority 0 advert for VRID 52", () -> lab.priorityZeroAdverts(52) > 0);
        lab.awaitMoreAdverts(51, 5);
        assertThat(transitions("VI_1")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
    }

    /** A removed instance is notified DELETED with {@code notify_deleted}, FAULT without (keepalived's default). */
    @Test
    void aRemovedInstanceIsNotifiedDeletedOrFault() throws IOException {
        Path script = dir.resolve("notify.sh");
        Path out = dir.resolve("notify.txt");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + out + "\n");
        script.toFile().setExecutable(true, false);
        String notify = "    notify " + script + "\n";
        String withDeleted = instance("VI_2", 52, VIP_C).replace("    virtual_ipaddress", notify
                + "    notify_deleted\n    virtual_ipaddress");
        String withoutDeleted = instance("VI_3", 53, VIP_B).replace("    virtual_ipaddress", notify
                + "    virtual_ipaddress");
        startMaster(config(instance("VI_1", 51, VIP_A), withDeleted, withoutDeleted));
        lab.awaitMaster("VI_2", VIP_C);
        lab.awaitMaster("VI_3", VIP_B);
        lab.writeConfig(config(instance("VI_1", 51, VIP_A)));
        lab.hup();
        lab.await("both removals notified", () -> read(out).contains("INSTANCE VI_2 DELETED")
                && read(out).contains("INSTANCE VI_3 FAULT"));
        lab.awaitAddress(VIP_C, false);
        lab.awaitAddress(VIP_B, false);
        assertThat(read(out)).doesNotContain("STOP");
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** keepalived #1854: a VIP moving from a removed instance to a kept MASTER is never taken away. */
    @Test
    void aVipMovingFromARemovedInstanceToAKeptMasterStays() {
        startMaster(config(instance("VI_1", 51, VIP_A), instance("VI_2", 52, VIP_C)));
        lab.awaitMaster("VI_2", VIP_C);
        int transitions = transitions("VI_1");
        lab.writeConfig(config(instance("VI_1", 51, VIP_A, VIP_C)));
        lab.hup();
        lab.await("a priority 0 advert for VRID 52", () -> lab.priorityZeroAdverts(52) > 0);
        lab.awaitAdvertWithAddresses(51, 2);
        assertThat(lab.hasAddress(VIP_C)).isTrue();
        assertThat(lab.deletions(VIP_C)).as(lab.evidence()).isZero();
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(transitions("VI_1")).isEqualTo(transitions);
    }

    /**
     * keepalived #1009: priority 50 with a tracked interface at weight -7, the interface down (43);
     * a reload to priority 110 and weight -11 gives 99, and the interface coming back gives 110 —
     * never 114, which would mean the old weight was still being undone. Read from the adverts.
     */
    @Test
    void aReloadedTrackerWeightLeavesNoTraceOfTheOldOne() {
        lab.lbIp("link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
        lab.lbIp("link", "set", "eth1p", "up");
        lab.lbIp("link", "set", "eth1", "up");
        String tracked = "    track_interface {\n        eth1 weight %d\n    }\n";
        lab.writeConfig(config(instance("VI_1", 51, 50, VIP_A).replace("    virtual_ipaddress",
                tracked.formatted(-7) + "    virtual_ipaddress")));
        lab.startDaemon();
        lab.awaitMaster("VI_1", VIP_A);
        lab.await("adverts at priority 50", () -> lab.advertsFrom("192.0.2.1", 51, 50) > 0);
        lab.lbIp("link", "set", "eth1", "down");
        lab.await("adverts at priority 43", () -> lab.advertsFrom("192.0.2.1", 51, 43) > 0);
        lab.writeConfig(config(instance("VI_1", 51, 110, VIP_A).replace("    virtual_ipaddress",
                tracked.formatted(-11) + "    virtual_ipaddress")));
        lab.hup();
        lab.await("adverts at priority 99", () -> lab.advertsFrom("192.0.2.1", 51, 99) > 0);
        lab.lbIp("link", "set", "eth1", "up");
        lab.await("adverts at priority 110", () -> lab.advertsFrom("192.0.2.1", 51, 110) > 0);
        lab.awaitMoreAdverts(51, 5);
        assertThat(lab.advertsFrom("192.0.2.1", 51, 114)).as(lab.evidence()).isZero();
        assertThat(lab.logLines("(VI_1) Entering")).isEqualTo(2);
        assertThat(lab.deletions(VIP_A)).isZero();
    }

    /**
     * Ten reloads of a BACKUP next to a keepalived 2.2.7 MASTER, its priority changing each time
     * but staying lower: it keeps its down timer running from the master's adverts and never
     * takes over.
     */
    @Test
    void reloadingABackupNextToKeepalivedNeverTakesOver() {
        lab.startKeepalivedPeer(config(instance("VI_1", 51, 200, VIP_A)));
        lab.awaitPeerLog("(VI_1) Entering MASTER STATE");
        lab.writeConfig(config(instance("VI_1", 51, 150, VIP_A)));
        lab.startDaemon();
        lab.awaitLog("(VI_1) Entering BACKUP STATE (init)");
        lab.awaitMoreAdverts(51, 5);
        for (int i = 0; i < 10; i++) {
            lab.writeConfig(config(instance("VI_1", 51, i % 2 == 0 ? 160 : 150, VIP_A)));
            lab.hup();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(90)); // pacing of the stimulus
        }
        lab.awaitReloads(10);
        // Three Master_Down_Intervals (about 0.35 s each) of the master's adverts after the last reload.
        lab.awaitMoreAdverts(51, 10);
        assertThat(lab.logLines("(VI_1) Entering")).as(lab.evidence()).isEqualTo(1);
        assertThat(lab.hasAddress(VIP_A)).isFalse();
        assertThat(lab.peerHasAddress(VIP_A)).isTrue();
        assertThat(lab.advertsFrom("192.0.2.1", 51, 160) + lab.advertsFrom("192.0.2.1", 51, 150))
                .as("adverts from the BACKUP").isZero();
        // keepalived: BACKUP (init), then MASTER, and nothing since.
        assertThat(ReloadLab.count(lab.peerLog(), "(VI_1) Entering")).as(lab.evidence()).isEqualTo(2);
    }

    /**
     * A MASTER reloaded next to a keepalived 2.2.7 BACKUP: it re-asserts at once with the new
     * priority, sends no priority 0, and keepalived never takes over.
     */
    @Test
    void reloadingAMasterNextToKeepalivedKeepsKeepalivedBackup() {
        lab.startKeepalivedPeer(config(instance("VI_1", 51, 150, VIP_A)));
        lab.awaitPeerLog("(VI_1) Entering BACKUP STATE");
        lab.writeConfig(config(instance("VI_1", 51, 200, VIP_A)));
        lab.startDaemon();
        lab.awaitMaster("VI_1", VIP_A);
        lab.awaitMoreAdverts(51, 5);
        int peerMasters = ReloadLab.count(lab.peerLog(), "(VI_1) Entering MASTER STATE");
        lab.writeConfig(config(instance("VI_1", 51, 210, VIP_A)));
        lab.hup();
        lab.awaitReloads(1);
        lab.await("adverts with the reloaded priority", () -> lab.advertsFrom("192.0.2.1", 51, 210) >= 10);
        assertThat(ReloadLab.count(lab.peerLog(), "(VI_1) Entering MASTER STATE")).as(lab.evidence())
                .isEqualTo(peerMasters);
        assertThat(lab.peerHasAddress(VIP_A)).isFalse();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
        assertThat(lab.deletions(VIP_A)).isZero();
        assertThat(lab.logLines("(VI_1) Entering")).isEqualTo(2);
    }

    /** A sync group whose definition is unchanged keeps its members running through a reload. */
    @Test
    void aSyncGroupMemberTakesANewVipWithoutMovingTheGroup() {
        String group = "vrrp_sync_group SG1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n";
        startMaster(config(group, instance("VI_1", 51, VIP_A), instance("VI_2", 52, VIP_C)));
        lab.awaitMaster("VI_2", VIP_C);
        int transitions = lab.logLines("Entering");
        lab.writeConfig(config(group, instance("VI_1", 51, VIP_A, VIP_B), instance("VI_2", 52, VIP_C)));
        lab.hup();
        lab.awaitAddress(VIP_B, true);
        lab.awaitAdvertWithAddresses(51, 2);
        lab.awaitMoreAdverts(52, 5);
        assertThat(lab.logLines("Entering")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A) + lab.deletions(VIP_C)).isZero();
        assertThat(lab.priorityZeroAdverts(51) + lab.priorityZeroAdverts(52)).isZero();
    }

    /**
     * A changed sync group cannot be applied in place (the core does not move a running instance
     * between groups): its members are stopped and started again, and the new group runs.
     */
    @Test
    void aChangedSyncGroupRestartsItsMembersAndRunsTheNewGroup() {
        String oneMember = "vrrp_sync_group SG1 {\n    group {\n        VI_1\n    }\n}\n";
        String twoMembers = "vrrp_sync_group SG1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n";
        startMaster(config(oneMember, instance("VI_1", 51, VIP_A)));
        lab.writeConfig(config(twoMembers, instance("VI_1", 51, VIP_A), instance("VI_2", 52, VIP_C)));
        lab.hup();
        lab.awaitLog("changed - restarting the instance");
        lab.await("a priority 0 advert for VRID 51", () -> lab.priorityZeroAdverts(51) > 0);
        lab.awaitLog("(VI_2) Entering MASTER STATE");
        lab.awaitAddress(VIP_A, true);
        lab.awaitAddress(VIP_C, true);
        assertThat(lab.logLines("(VI_1) Entering MASTER STATE")).as(lab.evidence()).isEqualTo(2);
    }

    @Test
    void anAddedInstanceStartsAndTheRunningOneIsUntouched() {
        startMaster(config(instance("VI_1", 51, VIP_A)));
        int transitions = transitions("VI_1");
        lab.writeConfig(config(instance("VI_1", 51, VIP_A), instance("VI_2", 52, VIP_C)));
        lab.hup();
        lab.awaitLog("(VI_2) Entering BACKUP STATE (init)");
        lab.awaitMaster("VI_2", VIP_C);
        assertThat(transitions("VI_1")).as(lab.evidence()).isEqualTo(transitions);
        assertThat(lab.deletions(VIP_A)).as(lab.evidence()).isZero();
        assertThat(lab.priorityZeroAdverts(51)).isZero();
    }
}
