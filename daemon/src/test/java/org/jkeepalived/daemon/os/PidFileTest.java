package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid files with keepalived's defaults, stale-file clean-up and the already-running check. */
class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreKeepaliveds() {
        assertThat(PidFile.DEFAULT_MAIN).isEqualTo(Path.of("/run/keepalived.pid"));
        assertThat(PidFile.DEFAULT_VRRP).isEqualTo(Path.of("/run/keepalived_vrrp.pid"));
    }

    @Test
    void writesThePidAndANewlineWithMode0644AndRemovesIt() throws IOException {
        PidFile pidFile = new PidFile(dir.resolve("k.pid"));

        pidFile.write(4242);

        assertThat(Files.readString(pidFile.path())).isEqualTo("4242\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pidFile.path()))).isEqualTo("rw-r--r--");
        pidFile.remove();
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void aFileNamingALiveProcessIsHeld() throws IOException {
        Path path = dir.resolve("live.pid");
        Files.writeString(path, ProcessHandle.current().pid() + "\n");

        assertThat(new PidFile(path).heldByLiveProcess()).isTrue();
        assertThat(path).exists();
    }

    @Test
    void aFileNamingADeadProcessIsRemovedAsAZombie() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path path = dir.resolve("dead.pid");
        Files.writeString(path, gone.pid() + "\n");

        try (LogCapture log = new LogCapture(PidFile.class)) {
            assertThat(new PidFile(path).heldByLiveProcess()).isFalse();
            assertThat(log.lines()).contains("Remove a zombie pid file " + path);
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void anUnreadableFileIsRemovedButCountsAsHeld() throws IOException {
        Path path = dir.resolve("junk.pid");
        Files.writeString(path, "not a pid\n");

        try (LogCapture log = new LogCapture(PidFile.class)) {
            assertThat(new PidFile(path).heldByLiveProcess()).isTrue();
            assertThat(log.lines()).contains("Error reading pid file " + path);
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void noFileIsNotHeld() {
        assertThat(new PidFile(dir.resolve("none.pid")).heldByLiveProcess()).isFalse();
    }

    @Test
    void refusesToWriteThroughASymlink() throws IOException {
        Path target = dir.resolve("target");
        Files.writeString(target, "precious");
        Path link = Files.createSymbolicLink(dir.resolve("link.pid"), target);

        try (LogCapture log = new LogCapture(PidFile.class)) {
            org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(() -> new PidFile(link).write(1));
            assertThat(log.lines()).contains("pidfile_write : Cannot open " + link + " pidfile");
        }
        assertThat(Files.readString(target)).isEqualTo("precious");
    }
}
