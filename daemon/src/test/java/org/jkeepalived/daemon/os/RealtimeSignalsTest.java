package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.jkeepalived.daemon.SignalFunction;
import org.junit.jupiter.api.Test;

/**
 * The real-time signal numbers come from libc (glibc: SIGRTMIN 34, SIGRTMAX 64, as
 * {@code keepalived --signum} prints 36 and 63), and a JVM not started by the launcher does not
 * block them (so the daemon must not open a signalfd for them).
 */
class RealtimeSignalsTest {

    @Test
    void numbersAreGlibcsAsKeepalivedPrintsThem() {
        assertThat(RealtimeSignals.rtmin()).isEqualTo(34);
        assertThat(RealtimeSignals.rtmax()).isEqualTo(64);
        assertThat(SignalFunction.JSON.signalNumber()).isEqualTo(36);
        assertThat(SignalFunction.STATS_CLEAR.signalNumber()).isEqualTo(63);
        assertThat(SignalFunction.DATA.signalNumber()).isEqualTo(10);
    }

    @Test
    void aJvmStartedWithoutTheLauncherDoesNotBlockThem() {
        // Surefire forks java directly; HUP is handled by the JVM itself and never blocked.
        assertThat(RealtimeSignals.blockedInThisThread(SignalFunction.JSON.signalNumber())).isFalse();
        assertThat(RealtimeSignals.blockedInThisThread(1)).isFalse();
    }
}
