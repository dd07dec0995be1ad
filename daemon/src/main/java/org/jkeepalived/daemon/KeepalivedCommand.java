package org.jkeepalived.daemon;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code jkeepalived} command line: keepalived's flags with keepalived's meanings
 * ({@code keepalived-runtime.md} §1). Flags that jkeepalived accepts but does not act on are
 * reported as having no effect, so an existing unit file or script keeps working.
 */
@Command(name = "jkeepalived", mixinStandardHelpOptions = false, sortOptions = false,
        description = "A keepalived-compatible VRRP daemon.",
        footer = "%nThe default configuration file is " + KeepalivedCommand.DEFAULT_CONFIG + ".")
public final class KeepalivedCommand implements Callable<Integer> {
    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";
    static final String VERSION = "jkeepalived v" + versionOfJar() + " (keepalived 2.2.7 compatible)";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file.")
    Path configFile = Path.of(DEFAULT_CONFIG);

    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem.")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem (no effect: jkeepalived is VRRP only).")
    boolean checkOnly;

    @Option(names = {"-B", "--no_bfd"}, description = "Don't run BFD subsystem.")
    boolean noBfd;

    @Option(names = "--all", description = "Force all child processes to run, even if have no configuration.")
    boolean all;

    @Option(names = {"-l", "--log-console"}, description = "Log messages to local console.")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages.")
    boolean logDetail;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "[0-7]", description = "Set syslog facility to LOG_LOCAL[0-7].")
    String logFacility;

    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = "", paramLabel = "FILE", description = "Also log to FILE.")
    String logFile;

    @Option(names = "--flush-log-file", description = "Flush log file on write.")
    boolean flushLogFile;

    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.")
    boolean noSyslog;

    @Option(names = {"-u", "--umask"}, paramLabel = "MASK", description = "umask for file creation (in numeric form).")
    String umask;

    @Option(names = {"-X", "--release-vips"}, description = "Drop VIP on transition from signal.")
    boolean releaseVips;

    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Don't remove VRRP VIPs and VROUTEs on daemon stop.")
    boolean dontReleaseVrrp;

    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Don't remove IPVS topology on daemon stop.")
    boolean dontReleaseIpvs;

    @Option(names = {"-R", "--dont-respawn"}, description = "Don't respawn child processes.")
    boolean dontRespawn;

    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process.")
    boolean dontFork;

    @Option(names = {"-d", "--dump-conf"}, arity = "0..1", fallbackValue = "text", paramLabel = "FORMAT",
            description = "Dump the effective configuration (text, or json for tools).")
    String dumpConf;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process.")
    Path pidFile;

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process.")
    Path vrrpPidFile;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process.")
    Path checkersPidFile;

    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "Use specified pidfile for BFD child process.")
    Path bfdPidFile;

    @Option(names = {"-a", "--address-monitoring"}, description = "Report all address additions/deletions notified by netlink.")
    boolean addressMonitoring;

    @Option(names = {"-x", "--snmp"}, description = "Enable SNMP subsystem.")
    boolean snmp;

    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE", description = "Use the specified socket for master agent.")
    String snmpAgentSocket;

    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = "Run in network namespace NAME (overrides config).")
    String namespace;

    @Option(names = {"-m", "--core-dump"}, description = "Produce core dump if terminate abnormally.")
    boolean coreDump;

    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "", paramLabel = "PATN",
            description = "Also update /proc/sys/kernel/core_pattern to PATN.")
    String coreDumpPattern;

    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file missing (same as include_check).")
    boolean allConfig;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Skip any configuration lines beginning '@' that don't match ID.")
    String configId;

    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON.")
    String signum;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOG_FILE",
            description = "Check the configuration for obvious errors, output to stderr by default.")
    String configTest;

    @Option(names = "--dump-dir", paramLabel = "DIR",
            description = "Directory for the SIGUSR1/SIGUSR2 dumps (default: $TMPDIR if absolute, else /tmp).")
    Path dumpDirectory;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "Control socket for 'jkeepalived status/demote/promote' (default: "
                    + "/run/jkeepalived/control.sock; 'none' for no socket).")
    String controlSocket;

    @Option(names = "--http-listen", paramLabel = "[ADDR:]PORT",
            description = "Serve /metrics (Prometheus) and /status (JSON) over HTTP on ADDR (default 127.0.0.1). Off by default.")
    String httpListen;

    @Option(names = {"-v", "--version"}, description = "Display the version number.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.")
    boolean help;

    /** A configured picocli command line with jkeepalived's exit-code mapping. */
    public static CommandLine commandLine() {
        return commandLine(true);
    }

    /**
     * The command line, with or without its subcommands (status, demote, promote, doctor). Without
     * them for a daemon run ({@link Main}): picocli reads each subcommand's annotations when it is
     * registered, time spent before the first advert for commands that cannot be the one run.
     */
    static CommandLine commandLine(boolean withSubcommands) {
        CommandLine commandLine = new CommandLine(new KeepalivedCommand());
        if (withSubcommands) {
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.StatusCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.DemoteCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.PromoteCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.doctor.DoctorCommand());
        }
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            cl.getErr().println("jkeepalived: " + ex);
            return ExitCodes.PROGRAM_ERROR;
        });
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            cl.getErr().println(ex.getMessage());
            cl.usage(cl.getErr());
            return ExitCodes.FATAL;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (version) {
            out.println(VERSION);
            out.flush();
            return ExitCodes.OK;
        }
        if (signum != null) {
            Optional<SignalFunction> function = SignalFunction.byName(signum);
            if (function.isEmpty()) {
                err.println("Unknown sigfunc " + signum);
                err.flush();
                return ExitCodes.FATAL;
            }
            out.println(function.get().signalNumber());
            out.flush();
            return ExitCodes.OK;
        }
        ConfigDumpFormat format;
        try {
            format = dumpConf == null ? null : ConfigDumpFormat.parse(dumpConf);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.FATAL;
        }
        ConfigCheck check = new ConfigCheck(configFile, configId, allConfig);
        if (configTest != null) {
            return check.runConfigTest(configTest.isEmpty() ? null : Path.of(configTest), format, out, err);
        }
        if (format != null) {
            return check.dumpOnly(format, out, err);
        }
        org.jkeepalived.daemon.control.ControlOptions control;
        try {
            control = org.jkeepalived.daemon.control.ControlOptions.parse(controlSocket, httpListen);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.FATAL;
        }
        DaemonOptions options = new DaemonOptions(configFile, configId, allConfig, logConsole, logDetail, logFacility,
                noSyslog, dontReleaseVrrp, pidFile, vrrpPidFile,
                dumpDirectory != null ? dumpDirectory : DaemonOptions.defaultDumpDirectory(), umask,
                optionsWithoutEffect(), namespace);
        return new Daemon(options, control).run();
    }

    /** The options given that jkeepalived accepts for compatibility but does not act on. */
    List<String> optionsWithoutEffect() {
        List<String> names = new ArrayList<>();
        if (checkOnly) names.add("-C/--check");
        if (noBfd) names.add("-B/--no_bfd");
        if (all) names.add("--all");
        if (dontReleaseIpvs) names.add("-I/--dont-release-ipvs");
        if (dontRespawn) names.add("-R/--dont-respawn");
        if (checkersPidFile != null) names.add("-c/--checkers_pid");
        if (bfdPidFile != null) names.add("-b/--bfd_pid");
        if (snmp) names.add("-x/--snmp");
        if (snmpAgentSocket != null) names.add("-A/--snmp-agent-socket");
        if (coreDump) names.add("-m/--core-dump");
        if (coreDumpPattern != null) names.add("-M/--core-dump-pattern");
        if (flushLogFile) names.add("--flush-log-file");
        if (logFile != null) names.add("-g/--log-file");
        if (releaseVips) names.add("-X/--release-vips");
        if (addressMonitoring) names.add("-a/--address-monitoring");
        return names;
    }

    private static String versionOfJar() {
        String v = KeepalivedCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
