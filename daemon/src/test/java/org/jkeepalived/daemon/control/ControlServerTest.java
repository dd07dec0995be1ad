package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jkeepalived.daemon.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket with the status requests (demote and promote run against real daemons in ControlIT). */
class ControlServerTest {

    @TempDir
    Path tmp;

    private ControlServer start(Path socket) throws IOException {
        EventLoop loop = new EventLoop();
        SnapshotPublisher publisher = new SnapshotPublisher(loop, Snapshots::sample, Snapshots.sample());
        return ControlServer.start(socket, new ControlProtocol(loop, publisher, null));
    }

    @Test
    void answersStatusRequestsOnASocketOnlyRootCanUse() throws IOException {
        Path socket = tmp.resolve("run/jkeepalived/control.sock");
        try (ControlServer server = start(socket)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwxr-xr-x");
            assertThat(ControlClient.request(socket, "status")).isEqualTo(StatusTable.render(Snapshots.sample()));
            Object json = MiniJson.parse(ControlClient.request(socket, "status-json"));
            assertThat(json).isInstanceOf(java.util.Map.class);
            assertThat(ControlClient.request(socket, "reboot now")).startsWith("ERROR unknown request");
            assertThat(ControlClient.request(socket, "demote")).startsWith("ERROR unknown request");
            assertThat(ControlClient.request(socket, "demote VI_1 soon"))
                    .startsWith("ERROR demotion period is not a number");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aSilentClientDoesNotBlockTheOthers() throws IOException {
        Path socket = tmp.resolve("control.sock");
        try (ControlServer server = start(socket);
             SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(silent.isConnected()).isTrue();
            for (int i = 0; i < 3 * ControlServer.MAX_CLIENTS; i++) {
                assertThat(ControlClient.request(socket, "status")).contains("VI_1");
            }
        }
    }

    @Test
    void replacesAStaleSocketButLeavesALiveOneAlone() throws IOException {
        Path socket = tmp.resolve("control.sock");
        ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        stale.bind(UnixDomainSocketAddress.of(socket));
        stale.close();
        assertThat(socket).exists();
        try (ControlServer server = start(socket)) {
            assertThat(ControlClient.request(socket, "status")).contains("VI_1");
            assertThatThrownBy(() -> start(socket)).isInstanceOf(FileAlreadyExistsException.class);
            assertThat(ControlClient.request(socket, "status")).contains("VI_1");
        }
    }

    @Test
    void refusesAPathLongerThanASocketCanHold() {
        Path socket = tmp.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> start(socket)).isInstanceOf(IOException.class)
                .hasMessageContaining("the limit of a unix socket path");
    }

    @Test
    void clientExplainsAMissingDaemon() {
        assertThatThrownBy(() -> ControlClient.request(tmp.resolve("none.sock"), "status"))
                .isInstanceOf(IOException.class).hasMessageContaining("is jkeepalived running");
    }
}
