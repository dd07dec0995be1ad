package org.jkeepalived.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.os.Scripts;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real notify scripts and a real FIFO: exact argv, keepalived's order, line formats and FIFO scripts. */
class NotifierTest {
    @TempDir
    Path dir;

    private final TestLoop loop = new TestLoop();
    private final ScriptRunner runner = new ScriptRunner(loop);
    private NotifyFifos fifos = NotifyFifos.none();

    @AfterEach
    void cleanUp() {
        runner.killAll();
        fifos.close();
    }

    private PreparedScript recorder(String name, Path out, String... args) throws IOException {
        Path script = Scripts.argvRecorder(dir, name, out);
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new PreparedScript(argv, 0, 0, false, false);
    }

    private List<String> awaitLines(Path out, int count) {
        loop.runUntil(() -> lineCount(out) >= count, Duration.ofSeconds(5));
        try {
            return Files.readAllLines(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int lineCount(Path out) {
        try {
            return Files.exists(out) ? Files.readAllLines(out).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void stateScriptsGetOnlyTheirArgvAndTheGenericScriptGetsFourMore() throws IOException {
        Path master = dir.resolve("master.txt");
        Path generic = dir.resolve("generic.txt");
        InstanceNotifications vi1 = new InstanceNotifications("VI_1",
                Map.of(NotifyState.MASTER, recorder("nm.sh", master)), recorder("notify.sh", generic, "a b", "c"),
                null, false, false, false);

        new Notifier(runner, fifos, null).instanceState(vi1, NotifyState.MASTER, 150, System.nanoTime());

        assertThat(awaitLines(master, 1)).containsExactly("--");
        assertThat(awaitLines(generic, 7)).containsExactly("a b", "c", "INSTANCE", "VI_1", "MASTER", "150", "--");
    }

    @Test
    void groupsGetGroupNameStateAndZero() throws IOException {
        Path generic = dir.resolve("generic.txt");
        Path backup = dir.resolve("backup.txt");
        GroupNotifications sg1 = new GroupNotifications("SG1", Map.of(NotifyState.BACKUP, recorder("nb.sh", backup, "x")),
                recorder("notify.sh", generic, "grp"), false);

        new Notifier(runner, fifos, null).groupState(sg1, NotifyState.BACKUP, System.nanoTime());

        assertThat(awaitLines(backup, 2)).containsExactly("x", "--");
        assertThat(awaitLines(generic, 5)).containsExactly("grp", "GROUP", "SG1", "BACKUP", "0", "--");
    }

    @Test
    void aDeletedInstanceIsReportedAsFaultUnlessNotifyDeleted() throws IOException {
        Path plain = dir.resolve("plain.txt");
        Path withDeleted = dir.resolve("deleted.txt");
        Notifier notifier = new Notifier(runner, fifos, null);

        notifier.instanceState(new InstanceNotifications("VI_1", Map.of(), recorder("a.sh", plain), null, false, false,
                false), NotifyState.DELETED, 100, System.nanoTime());
        notifier.instanceState(new InstanceNotifications("VI_2", Map.of(), recorder("b.sh", withDeleted), null, true,
                false, false), NotifyState.DELETED, 100, System.nanoTime());

        assertThat(awaitLines(plain, 5)).containsExactly("INSTANCE", "VI_1", "FAULT", "100", "--");
        assertThat(awaitLines(withDeleted, 5)).containsExactly("INSTANCE", "VI_2", "DELETED", "100", "--");
    }

    @Test
    void fifoLinesHaveKeepalivedsExactFormatAndOrder() throws IOException {
        Path fifoPath = dir.resolve("notify.fifo");
        fifos = NotifyFifos.open(new NotifyFifos.Spec(fifoPath, null, null, null), null, runner, System.nanoTime());
        Notifier notifier = new Notifier(runner, fifos, null);
        InstanceNotifications vi1 = new InstanceNotifications("VI_1", Map.of(), null, null, false, false, true);
        InstanceNotifications quiet = new InstanceNotifications("VI_2", Map.of(), null, null, false, false, false);
        GroupNotifications sg1 = new GroupNotifications("SG1", Map.of(), null, false);

        notifier.groupState(sg1, NotifyState.BACKUP, 0);
        notifier.instanceState(vi1, NotifyState.BACKUP, 150, 0);
        notifier.instanceState(vi1, NotifyState.MASTER, 150, 0);
        notifier.masterReceivedLowerPriority(vi1, 150, 0);
        notifier.priorityChanged(vi1, true, 140);
        notifier.priorityChanged(quiet, true, 90);
        notifier.instanceState(vi1, NotifyState.STOP, 140, 0);

        String expected = "GROUP \"SG1\" BACKUP 0\n"
                + "INSTANCE \"VI_1\" BACKUP 150\n"
                + "INSTANCE \"VI_1\" MASTER 150\n"
                + "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n"
                + "INSTANCE \"VI_1\" MASTER_PRIORITY 140\n"
                + "INSTANCE \"VI_1\" STOP 140\n";
        try (FileInputStream in = new FileInputStream(fifoPath.toFile())) {
            byte[] buf = new byte[expected.length()];
            int read = 0;
            while (read < buf.length) {
                int n = in.read(buf, read, buf.length - read);
                assertThat(n).isPositive();
                read += n;
            }
            assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void dualMasterRunsOnlyItsScriptWithNotifyArgsAndThePeerAndWritesFourFieldFifoLines() throws IOException {
        Path fifoPath = dir.resolve("dual.fifo");
        fifos = NotifyFifos.open(new NotifyFifos.Spec(fifoPath, null, null, null), null, runner, System.nanoTime());
        Path opened = dir.resolve("dual-open.txt");
        Path generic = dir.resolve("generic.txt");
        InstanceNotifications vi1 = new InstanceNotifications("VI_1", Map.of(), recorder("notify.sh", generic), null,
                false, false, false, recorder("dual.sh", opened, "x"));
        Notifier notifier = new Notifier(runner, fifos, null);

        notifier.dualMaster(vi1, true, "192.0.2.2", 150, System.nanoTime());
        assertThat(awaitLines(opened, 7)).containsExactly("x", "INSTANCE", "VI_1", "DUAL_MASTER", "150", "192.0.2.2",
                "--");
        notifier.dualMaster(vi1, false, "192.0.2.2", 150, System.nanoTime());
        notifier.instanceState(vi1, NotifyState.BACKUP, 150, 0);
        // The generic notify script ran for BACKUP only: the dual-master words never reach it.
        assertThat(awaitLines(generic, 5)).containsExactly("INSTANCE", "VI_1", "BACKUP", "150", "--");
        assertThat(awaitLines(opened, 14)).containsExactly("x", "INSTANCE", "VI_1", "DUAL_MASTER", "150", "192.0.2.2",
                "--", "x", "INSTANCE", "VI_1", "DUAL_MASTER_END", "150", "192.0.2.2", "--");

        String expected = "INSTANCE \"VI_1\" DUAL_MASTER 150\n"
                + "INSTANCE \"VI_1\" DUAL_MASTER_END 150\n"
                + "INSTANCE \"VI_1\" BACKUP 150\n";
        try (FileInputStream in = new FileInputStream(fifoPath.toFile())) {
            byte[] buf = new byte[expected.length()];
            int read = 0;
            while (read < buf.length) {
                int n = in.read(buf, read, buf.length - read);
                assertThat(n).isPositive();
                read += n;
            }
            assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void theFifoScriptGetsTheFifoPathAppendedAndReadsTheLines() throws IOException {
        Path fifoPath = dir.resolve("vrrp.fifo");
        Path copy = dir.resolve("copy.txt");
        Path args = dir.resolve("args.txt");
        Path reader = Scripts.write(dir, "reader.sh",
                "printf '%s\\n' \"$@\" > '" + args + "'\nwhile read -r line; do echo \"$line\" >> '" + copy + "'; done < \"$2\"");
        PreparedScript readerScript = new PreparedScript(List.of(reader.toString(), "first"), 0, 0, false, false);
        fifos = NotifyFifos.open(null, new NotifyFifos.Spec(fifoPath, readerScript, null, null), runner, System.nanoTime());
        InstanceNotifications vi1 = new InstanceNotifications("VI_1", Map.of(), null, null, false, false, false);

        new Notifier(runner, fifos, null).instanceState(vi1, NotifyState.BACKUP, 100, 0);

        assertThat(awaitLines(args, 2)).containsExactly("first", fifoPath.toString());
        assertThat(awaitLines(copy, 1)).containsExactly("INSTANCE \"VI_1\" BACKUP 100");
        fifos.close();
        assertThat(fifoPath).as("we created it, so we remove it").doesNotExist();
    }

    @Test
    void theSameFifoNamedTwiceIsOpenedOnce() throws IOException {
        Path fifoPath = dir.resolve("both.fifo");
        NotifyFifos.Spec spec = new NotifyFifos.Spec(fifoPath, null, null, null);
        fifos = NotifyFifos.open(spec, spec, runner, 0);
        new Notifier(runner, fifos, null).instanceState(
                new InstanceNotifications("VI_1", Map.of(), null, null, false, false, false), NotifyState.FAULT, 1, 0);
        try (FileInputStream in = new FileInputStream(fifoPath.toFile())) {
            String expected = "INSTANCE \"VI_1\" FAULT 1\n";
            byte[] buf = new byte[200];
            int n = in.read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void aMissingNotifyScriptIsReportedAndTheDaemonCarriesOn() throws IOException {
        Path generic = dir.resolve("generic.txt");
        PreparedScript gone = new PreparedScript(List.of(dir.resolve("gone.sh").toString()), 0, 0, false, false);
        InstanceNotifications vi1 = new InstanceNotifications("VI_1", Map.of(NotifyState.MASTER, gone),
                recorder("notify.sh", generic), null, false, false, false);

        new Notifier(runner, fifos, null).instanceState(vi1, NotifyState.MASTER, 100, System.nanoTime());

        assertThat(awaitLines(generic, 5)).containsExactly("INSTANCE", "VI_1", "MASTER", "100", "--");
    }

    @Test
    void aSyncGroupMemberStaysQuietWhenItFollowsItsGroupAfterItsFirstNotifications() throws IOException {
        Path fifoPath = dir.resolve("sync.fifo");
        fifos = NotifyFifos.open(new NotifyFifos.Spec(fifoPath, null, null, null), null, runner, 0);
        Notifier notifier = new Notifier(runner, fifos, null);
        InstanceNotifications vi1 = new InstanceNotifications("VI_1", Map.of(), null, null, false, false, false);
        GroupNotifications sg1 = new GroupNotifications("SG1", Map.of(), null, false);

        notifier.groupState(sg1, NotifyState.BACKUP, 0);
        notifier.instanceState(vi1, NotifyState.BACKUP, 100, 0, NotifyState.BACKUP); // first: always sent
        notifier.instanceState(vi1, NotifyState.MASTER, 100, 0, NotifyState.BACKUP); // leads the group: sent
        notifier.groupState(sg1, NotifyState.MASTER, 0);
        notifier.instanceState(vi1, NotifyState.MASTER, 100, 0, NotifyState.MASTER); // follows the group: quiet
        notifier.instanceState(vi1, NotifyState.STOP, 100, 0, NotifyState.MASTER);

        String expected = "GROUP \"SG1\" BACKUP 0\nINSTANCE \"VI_1\" BACKUP 100\nINSTANCE \"VI_1\" MASTER 100\n"
                + "GROUP \"SG1\" MASTER 0\nINSTANCE \"VI_1\" STOP 100\n";
        try (FileInputStream in = new FileInputStream(fifoPath.toFile())) {
            byte[] buf = new byte[expected.length()];
            int read = 0;
            while (read < buf.length) {
                int n = in.read(buf, read, buf.length - read);
                assertThat(n).isPositive();
                read += n;
            }
            assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }
}
