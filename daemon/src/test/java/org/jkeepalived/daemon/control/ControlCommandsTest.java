package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.jkeepalived.daemon.KeepalivedCommand;
import org.jkeepalived.daemon.loop.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The status, demote and promote subcommands and the daemon's control flags, in-process. */
class ControlCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    private int run(String... args) {
        CommandLine cl = KeepalivedCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheSubcommandsAndTheDaemonFlags() {
        run("--help");
        assertThat(out.toString()).contains("--control-socket", "--http-listen", "status", "demote", "promote",
                "--use-file");
    }

    @Test
    void statusPrintsTheTableFromTheControlSocket() throws IOException {
        Path socket = tmp.resolve("control.sock");
        EventLoop loop = new EventLoop();
        SnapshotPublisher publisher = new SnapshotPublisher(loop, Snapshots::sample, Snapshots.sample());
        try (ControlServer server = ControlServer.start(socket, new ControlProtocol(loop, publisher, null))) {
            assertThat(run("status", "--control-socket", socket.toString())).isZero();
            assertThat(out.toString()).isEqualTo(StatusTable.render(Snapshots.sample()));
            out.getBuffer().setLength(0);
            assertThat(run("status", "--json", "--control-socket", socket.toString())).isZero();
            assertThat(MiniJson.parse(out.toString())).isInstanceOf(java.util.Map.class);
        }
    }

    @Test
    void unreachableDaemonAndBadValuesFailWithAMessage() {
        assertThat(run("status", "--control-socket", tmp.resolve("none.sock").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("jkeepalived status: cannot connect to the control socket");
        assertThat(run("demote", "VI_1", "--for", "5x", "--control-socket", tmp.resolve("none.sock").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("jkeepalived demote: invalid duration '5x'");
        assertThat(run("promote", "VI_1", "--control-socket", tmp.resolve("none.sock").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("jkeepalived promote: cannot connect");
        assertThat(run("--http-listen", "localhost:80", "-f", tmp.resolve("x.conf").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--http-listen localhost:80: 'localhost' is not a numeric IP address");
        assertThat(run("status", "--http", "http://127.0.0.1:1/")).isEqualTo(1);
        assertThat(err.toString()).contains("jkeepalived status:");
    }
}
