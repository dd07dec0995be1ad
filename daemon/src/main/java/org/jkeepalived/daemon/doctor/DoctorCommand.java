package org.jkeepalived.daemon.doctor;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jkeepalived doctor}: checks the live host for the traps that make VRRP fail silently and
 * prints findings with stable codes (docs/doctor.md). Exit status: 0 when no finding is an error,
 * 1 when one is, 2 when the configuration cannot be read. Needs root (packet capture, firewall
 * listing) for a complete run; what it cannot check is listed as a note.
 */
@Command(name = "doctor", sortOptions = false,
        description = "Check this host for the layer-2, firewall, sysctl and script traps that break VRRP.",
        footer = "%nExit status: 0 no errors, 1 errors found, 2 the configuration cannot be read."
                + "%nEvery code is explained in docs/doctor.md.")
public final class DoctorCommand implements Callable<Integer> {
    /** The doctor could not run (configuration missing or unreadable). */
    public static final int EXIT_CANNOT_RUN = 2;
    private static final double MAX_LISTEN_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path configFile = Path.of("/etc/keepalived/keepalived.conf");

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Skip configuration lines beginning '@' that don't match ID.")
    String configId;

    @Option(names = "--listen", paramLabel = "SECONDS",
            description = "Listen for adverts this long (default: the longest Master_Down_Interval).")
    Double listenSeconds;

    @Option(names = "--nginx-config", paramLabel = "FILE",
            description = "Also read this nginx configuration (besides those of running nginx masters).")
    List<Path> nginxConfigs = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listenSeconds != null && !(listenSeconds >= 0 && listenSeconds <= MAX_LISTEN_SECONDS)) {
            err.println("doctor: --listen must be between 0 and " + (int) MAX_LISTEN_SECONDS + " seconds");
            err.flush();
            return EXIT_CANNOT_RUN;
        }
        Long listenNanos = listenSeconds == null ? null : (long) (listenSeconds * 1e9);
        Report report;
        Runnable restoreLogging = quietLibraries();
        try {
            report = new Doctor(new Host(), configFile, configId, listenNanos, nginxConfigs).run();
        } catch (IllegalArgumentException e) {
            err.println("doctor: " + e.getMessage());
            err.flush();
            return EXIT_CANNOT_RUN;
        } finally {
            restoreLogging.run();
        }
        if (json) {
            report.printJson(out);
        } else {
            report.printText(out);
        }
        return report.exitCode();
    }

    /**
     * The report is the output: library and parser log lines would only get in its way. Returns
     * what puts the previous level back (the command may run inside a longer-lived JVM, a test).
     */
    private static Runnable quietLibraries() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.classic.Level previous = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.OFF);
            return () -> root.setLevel(previous);
        }
        return () -> { };
    }
}
