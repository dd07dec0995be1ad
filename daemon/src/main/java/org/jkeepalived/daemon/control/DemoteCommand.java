package org.jkeepalived.daemon.control;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jkeepalived demote NAME [--for DURATION]}: planned handover of an instance or a sync
 * group through the control socket. Prints the daemon's reply; exit 0 when applied, 1 otherwise.
 */
@Command(name = "demote", sortOptions = false,
        description = "Hand an instance (or a sync group) over to its peers: priority 1, a MASTER sends priority 0"
                + " and goes BACKUP, until 'promote' or the end of --for.")
public final class DemoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "vrrp_instance or vrrp_sync_group name.")
    String name;

    @Option(names = "--for", paramLabel = "DURATION", description = "End the demotion after this long: seconds, or e.g. 90s, 5m, 1h30m.")
    String period;

    @Option(names = "--control-socket", paramLabel = "PATH", description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path socket = ControlService.DEFAULT_SOCKET;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    @Override
    public Integer call() {
        long seconds;
        try {
            seconds = period == null ? 0 : DurationOption.parseSeconds(period);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("jkeepalived demote: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return PromoteCommand.send(spec, socket, "demote " + name + (seconds > 0 ? " " + seconds : ""), "demote");
    }
}
