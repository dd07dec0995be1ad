package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jkeepalived status}: the running daemon's instances, priorities, masters, VIPs,
 * trackers, sync groups and counters as a table (or {@code --json}), from the control socket or
 * from the HTTP listener ({@code --http URL}). Exit 0, or 1 when the daemon cannot be reached.
 */
@Command(name = "status", sortOptions = false,
        description = "Show the running daemon's VRRP state (from its control socket, or --http).")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--control-socket", paramLabel = "PATH", description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlService.DEFAULT_SOCKET;

    @Option(names = "--http", paramLabel = "URL", description = "Ask the HTTP listener instead, e.g. http://127.0.0.1:9650/.")
    String http;

    @Option(names = "--json", description = "Print the /status JSON document instead of the table.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String reply;
            if (http != null) {
                URI base = URI.create(http.endsWith("/") ? http : http + "/");
                reply = ControlClient.get(base, json ? "status" : "status?format=text");
            } else {
                reply = ControlClient.request(socket, json ? "status-json" : "status");
            }
            if (reply.startsWith("ERROR ")) {
                err.print(reply);
                err.flush();
                return 1;
            }
            out.print(reply.endsWith("\n") ? reply : reply + "\n");
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("jkeepalived status: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
