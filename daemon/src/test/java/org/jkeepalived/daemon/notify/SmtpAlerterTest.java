package org.jkeepalived.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jkeepalived.daemon.os.LogCapture;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smtp_alert against a real SMTP server: Debian's aiosmtpd, bound to 127.0.0.1 only, storing what
 * it receives in a Maildir (its Message handler adds X-MailFrom / X-RcptTo with the envelope).
 */
class SmtpAlerterTest {
    private static final ZonedDateTime FIXED = ZonedDateTime.of(2026, 3, 1, 9, 44, 8, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path maildir = dir.resolve("maildir");
        server = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("aiosmtpd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!server.isAlive()) {
                    throw new AssertionError("aiosmtpd exited: " + Files.readString(dir.resolve("aiosmtpd.log")));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("aiosmtpd did not listen on 127.0.0.1:" + port + " within 10 s");
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private SmtpAlerter alerter(List<String> recipients, boolean noEmailFaults) {
        return new SmtpAlerter(new SmtpAlerter.Settings(new InetSocketAddress("127.0.0.1", port), 5000, "lb1.example",
                "keepalived@lb1.example", recipients, "LVS_DEVEL", noEmailFaults), () -> FIXED);
    }

    private List<String> messages() throws IOException {
        Path fresh = dir.resolve("maildir/new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(fresh)) {
            return files.sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }

    @Test
    void sendsKeepalivedsInstanceAlertToEveryRecipient() throws Exception {
        try (SmtpAlerter smtp = alerter(List.of("ops@example.org", "noc@example.org"), false)) {
            assertThat(smtp.instanceAlert("VI_1", NotifyState.MASTER).get(15, TimeUnit.SECONDS)).isTrue();
        }

        List<String> received = messages();
        assertThat(received).hasSize(1);
        String mail = received.get(0).replace("\r\n", "\n");
        assertThat(mail).contains("X-MailFrom: keepalived@lb1.example\n",
                "X-RcptTo: ops@example.org, noc@example.org\n",
                "Date: Sun, 01 Mar 2026 09:44:08 +0000\n",
                "From: keepalived@lb1.example\n",
                "Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state\n",
                "X-Mailer: Keepalived\n",
                "To: ops@example.org, noc@example.org\n");
        assertThat(mail).endsWith("\n\n=> VRRP Instance is now owning VRRP VIPs <=\n\n");
    }

    @Test
    void sendsKeepalivedsGroupAlert() throws Exception {
        try (SmtpAlerter smtp = alerter(List.of("ops@example.org"), false)) {
            assertThat(smtp.groupAlert("SG1", NotifyState.BACKUP).get(15, TimeUnit.SECONDS)).isTrue();
        }

        String mail = messages().get(0).replace("\r\n", "\n");
        assertThat(mail).contains("Subject: [LVS_DEVEL] VRRP Group SG1 - Entering BACKUP state\n");
        assertThat(mail).endsWith("\n\n=> All VRRP group instances are now in BACKUP state <=\n\n");
    }

    @Test
    void theNotifierMailsOnlyStateChangesAndNoFaultsWhenAsked() throws Exception {
        ScriptRunner runner = new ScriptRunner(new TestLoop());
        try (SmtpAlerter smtp = alerter(List.of("ops@example.org"), true)) {
            Notifier notifier = new Notifier(runner, NotifyFifos.none(), smtp);
            InstanceNotifications vi1 = new InstanceNotifications("VI_1", java.util.Map.of(), null, null, false, true,
                    false);
            notifier.instanceState(vi1, NotifyState.BACKUP, 100, 0);
            notifier.instanceState(vi1, NotifyState.BACKUP, 100, 0);
            notifier.instanceState(vi1, NotifyState.FAULT, 100, 0);
            notifier.instanceState(vi1, NotifyState.MASTER, 100, 0);
            // the sender is sequential: a final alert completing means the earlier ones are done
            assertThat(smtp.send("marker", "end").get(15, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(messages()).extracting(m -> m.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow())
                .containsExactlyInAnyOrder("Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering BACKUP state",
                        "Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state", "Subject: marker");
    }

    @Test
    void anUnreachableServerIsLoggedNotFatal() throws Exception {
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        try (LogCapture log = new LogCapture(SmtpAlerter.class);
             SmtpAlerter smtp = alerter(List.of("ops@example.org"), false)) {
            assertThat(smtp.instanceAlert("VI_1", NotifyState.FAULT).get(15, TimeUnit.SECONDS)).isFalse();
            assertThat(log.lines()).contains("SMTP connection ERROR to [127.0.0.1]:" + port + ".");
        }
    }

    @Test
    void parsesKeepalivedsServerForms() {
        assertThat(SmtpAlerter.parseServer("192.0.2.1")).isEqualTo(new InetSocketAddress("192.0.2.1", 25));
        assertThat(SmtpAlerter.parseServer("192.0.2.1:2525")).isEqualTo(new InetSocketAddress("192.0.2.1", 2525));
        assertThat(SmtpAlerter.parseServer("192.0.2.1 2525")).isEqualTo(new InetSocketAddress("192.0.2.1", 2525));
        assertThat(SmtpAlerter.parseServer("[2001:db8::1]:587")).isEqualTo(new InetSocketAddress("2001:db8::1", 587));
        assertThat(SmtpAlerter.parseServer("2001:db8::1")).isEqualTo(new InetSocketAddress("2001:db8::1", 25));
        assertThat(SmtpAlerter.envelopeAddress("Keepalived <ka@example.org>")).isEqualTo("ka@example.org");
    }
}
