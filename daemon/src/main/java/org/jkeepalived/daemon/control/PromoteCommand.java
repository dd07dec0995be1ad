package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jkeepalived promote NAME}: ends a demotion at once through the control socket (normal
 * preemption rules apply again). Prints the daemon's reply; exit 0 when applied, 1 otherwise.
 */
@Command(name = "promote", sortOptions = false,
        description = "End the demotion of an instance (or of every member of a sync group) at once.")
public final class PromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "vrrp_instance or vrrp_sync_group name.")
    String name;

    @Option(names = "--control-socket", paramLabel = "PATH", description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlService.DEFAULT_SOCKET;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    @Override
    public Integer call() {
        return send(spec, socket, "promote " + name, "promote");
    }

    /** One request whose reply is a single OK/ERROR line: printed to stdout or stderr; exit 0 or 1. */
    static int send(CommandSpec spec, Path socket, String request, String verb) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (request.contains("\n") || request.length() > ControlProtocol.MAX_REQUEST_BYTES - 1) {
            err.println("jkeepalived " + verb + ": invalid name");
            err.flush();
            return 1;
        }
        try {
            String reply = ControlClient.request(socket, request);
            boolean ok = reply.startsWith("OK ");
            (ok ? out : err).print(reply.endsWith("\n") ? reply : reply + "\n");
            out.flush();
            err.flush();
            return ok ? 0 : 1;
        } catch (IOException e) {
            err.println("jkeepalived " + verb + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
