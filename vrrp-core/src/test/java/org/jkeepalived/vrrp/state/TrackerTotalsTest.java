package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.jkeepalived.vrrp.port.VirtualAddress;
import org.junit.jupiter.api.Test;

/** The daemon's tracker totals: weight on top of the base priority, fault as a weight-0 tracker. */
class TrackerTotalsTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;
    private final RecordingSink sink = new RecordingSink();

    private static InstanceSettings.Builder settings() throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2.100");
        return InstanceSettings.builder("VI_1", 51)
                .sourceAddress(InetAddress.getByName("192.0.2.11"))
                .virtualAddresses(List.of(new VirtualAddress(vip, 32, "eth0", null, null, null, 0, false, false)));
    }

    @Test
    void weightChangesTheEffectivePriorityAndMovesTheRunningDownTimer() throws Exception {
        VrrpInstance instance = new VrrpInstance(settings().priority(150).build(), sink);
        instance.handle(new InstanceEvent.Start(true), T0);
        long before = instance.nextDeadlineNanos();
        instance.handle(new InstanceEvent.TrackerTotals(-60, false), T0 + S);
        assertThat(instance.effectivePriority()).isEqualTo(90);
        // Skew grows from (256-150)/256 s to (256-90)/256 s: the timer moves by the difference.
        assertThat(instance.nextDeadlineNanos() - before).isEqualTo((166 - 106) * S / 256 / 1000 * 1000);
        assertThat(sink.logs).contains("(VI_1) Changing effective priority from 150 to 90");
    }

    @Test
    void clampedToOneAndNeverAppliedToAnOwner() throws Exception {
        VrrpInstance low = new VrrpInstance(settings().priority(50).build(), sink);
        low.handle(new InstanceEvent.TrackerTotals(-100, false), T0);
        assertThat(low.effectivePriority()).isEqualTo(1);
        VrrpInstance owner = new VrrpInstance(settings().priority(255).wantMaster(true).build(), sink);
        owner.handle(new InstanceEvent.TrackerTotals(-100, false), T0);
        assertThat(owner.effectivePriority()).isEqualTo(255);
    }

    @Test
    void faultBeforeStartStartsInFaultAndClearingItGoesBackup() throws Exception {
        VrrpInstance instance = new VrrpInstance(settings().build(), sink);
        instance.handle(new InstanceEvent.TrackerTotals(0, true), T0);
        instance.handle(new InstanceEvent.Start(true), T0);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        instance.handle(new InstanceEvent.TrackerTotals(0, false), T0 + S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.notifications).containsExactly("FAULT 100", "BACKUP 100");
    }
}
