package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.settings;

import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.junit.jupiter.api.Test;

/** {@code vrrp_startup_delay}: BACKUP at once, the first Master_Down_Interval starts after the delay. */
class StartupDelayTest {
    private static final long T0 = 1_000_000_000_000L;
    private static final long DELAY = 2_000_000_000L;

    @Test
    void backupAtOnceAndTheDownTimerShiftedByTheDelay() {
        RecordingSink plainSink = new RecordingSink();
        VrrpInstance plain = new VrrpInstance(settings().priority(150).build(), plainSink);
        long plainDeadline = plain.handle(new Start(true), T0);

        RecordingSink sink = new RecordingSink();
        VrrpInstance delayed = new VrrpInstance(settings().priority(150).build(), sink);
        long deadline = delayed.handle(new Start(true, DELAY), T0);

        assertThat(delayed.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.notifications).containsExactly("BACKUP 150");
        assertThat(deadline).isEqualTo(plainDeadline + DELAY);
        delayed.handle(InstanceEvent.TimerExpired.INSTANCE, plainDeadline);
        assertThat(delayed.state()).as("still BACKUP when the undelayed timer would fire").isEqualTo(VrrpState.BACKUP);
        delayed.handle(InstanceEvent.TimerExpired.INSTANCE, deadline);
        assertThat(delayed.state()).isEqualTo(VrrpState.MASTER);
    }
}
