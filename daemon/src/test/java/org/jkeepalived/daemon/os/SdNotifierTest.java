package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify messages to a real unix datagram socket, by path and by abstract name. */
class SdNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void sendsReadyReloadingStoppingAndStatusToAPathSocket() throws Exception {
        String path = dir.resolve("notify.sock").toString();
        try (UnixDatagramReceiver systemd = new UnixDatagramReceiver(path);
             SdNotifier notifier = SdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", path), 1)) {
            notifier.ready("running");
            notifier.reloading(5_000_000_123L);
            notifier.status("reloaded\nconfig");
            notifier.stopping();

            assertThat(systemd.receive(WAIT)).isEqualTo("READY=1\nSTATUS=running");
            assertThat(systemd.receive(WAIT)).isEqualTo("RELOADING=1\nMONOTONIC_USEC=5000000");
            assertThat(systemd.receive(WAIT)).isEqualTo("STATUS=reloaded config");
            assertThat(systemd.receive(WAIT)).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void sendsToAnAbstractSocketName() throws Exception {
        String name = "@jkeepalived-test-" + ThreadLocalRandom.current().nextLong(1L << 40);
        try (UnixDatagramReceiver systemd = new UnixDatagramReceiver(name);
             SdNotifier notifier = SdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name), 1)) {
            notifier.ready("up");

            assertThat(systemd.receive(WAIT)).isEqualTo("READY=1\nSTATUS=up");
        }
    }

    @Test
    void pingsTheWatchdogEveryHalfPeriod() throws Exception {
        String path = dir.resolve("wd.sock").toString();
        int pid = 77;
        try (UnixDatagramReceiver systemd = new UnixDatagramReceiver(path);
             SdNotifier notifier = SdNotifier.fromEnvironment(
                     Map.of("NOTIFY_SOCKET", path, "WATCHDOG_USEC", "4000000", "WATCHDOG_PID", "77"), pid)) {
            long start = 1_000_000_000L;
            assertThat(notifier.watchdogPeriodNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
            assertThat(notifier.nextWatchdogNanos(start)).isEqualTo(start);

            notifier.onWatchdogTimer(start);
            assertThat(systemd.receive(WAIT)).isEqualTo("WATCHDOG=1");
            assertThat(notifier.nextWatchdogNanos(start)).isEqualTo(start + TimeUnit.SECONDS.toNanos(2));

            notifier.onWatchdogTimer(start + TimeUnit.SECONDS.toNanos(1));
            assertThat(systemd.receive(Duration.ofMillis(100))).as("not due yet").isNull();
            notifier.onWatchdogTimer(start + TimeUnit.SECONDS.toNanos(2));
            assertThat(systemd.receive(WAIT)).isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void watchdogForAnotherPidIsOff() {
        SdNotifier notifier = SdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "/nonexistent/sock", "WATCHDOG_USEC", "4000000", "WATCHDOG_PID", "78"), 77);

        assertThat(notifier.watchdogPeriodNanos()).isZero();
        assertThat(notifier.nextWatchdogNanos(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() {
        SdNotifier notifier = SdNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"), 1);

        assertThat(notifier.enabled()).isFalse();
        assertThat(notifier.send("READY=1")).isFalse();
        assertThat(notifier.nextWatchdogNanos(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aVanishedSocketIsLoggedNotFatal() {
        try (SdNotifier notifier = SdNotifier.fromEnvironment(
                Map.of("NOTIFY_SOCKET", dir.resolve("gone.sock").toString()), 1)) {
            assertThat(notifier.send("READY=1")).isFalse();
        }
    }
}
