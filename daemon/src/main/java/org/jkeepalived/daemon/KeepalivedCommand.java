package org.jkeepalived.daemon;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code jkeepalived} command line: keepalived's flags with keepalived's meanings
 * ({@code keepalived-runtime.md} §1). Flags that jkeepalived accepts but does not act on are
 * reported as having no effect, so an existing unit file or script keeps working.
 *
 * <p>The options are declared with picocli's programmatic model rather than annotations: reading
 * annotations makes the JDK generate a proxy class per annotation type and parse every
 * annotation at run time, none of which a class-data archive can hold, and that was the largest
 * single step before a daemon's first advert (docs/bench/daemon-tuning.md section 9). The
 * handlers are classes, not lambdas, for the same archive: picocli's interfaces are compiled for
 * Java 5, and a lambda implementing one keeps them, and the lambda, out of it.
 */
public final class KeepalivedCommand implements Callable<Integer> {
    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";
    static final String VERSION = "jkeepalived v" + versionOfJar() + " (keepalived 2.2.7 compatible)";

    private final CommandSpec spec;
    /** Each option by its first name, as {@link #readOptions} asks for it (picocli's findOption copies every option's names). */
    private final Map<String, OptionSpec> options = new HashMap<>();

    Path configFile;
    boolean checkOnly;
    boolean noBfd;
    boolean all;
    boolean logConsole;
    boolean logDetail;
    String logFacility;
    String logFile;
    boolean flushLogFile;
    boolean noSyslog;
    String umask;
    boolean releaseVips;
    boolean dontReleaseVrrp;
    boolean dontReleaseIpvs;
    boolean dontRespawn;
    String dumpConf;
    Path pidFile;
    Path vrrpPidFile;
    Path checkersPidFile;
    Path bfdPidFile;
    boolean addressMonitoring;
    boolean snmp;
    String snmpAgentSocket;
    String namespace;
    boolean coreDump;
    String coreDumpPattern;
    boolean allConfig;
    String configId;
    String signum;
    String configTest;
    Path dumpDirectory;
    String controlSocket;
    String httpListen;
    boolean version;

    private KeepalivedCommand() {
        spec = CommandSpec.wrapWithoutInspection(this).name("jkeepalived");
        spec.usageMessage().description("A keepalived-compatible VRRP daemon.")
                .footer("%nThe default configuration file is " + DEFAULT_CONFIG + ".")
                .sortOptions(false);
        value("-f --use-file", Path.class, "FILE", "Use the specified configuration file.");
        flag("-P --vrrp", "Only run with VRRP subsystem.");
        flag("-C --check", "Only run with Health-checker subsystem (no effect: jkeepalived is VRRP only).");
        flag("-B --no_bfd", "Don't run BFD subsystem.");
        flag("--all", "Force all child processes to run, even if have no configuration.");
        flag("-l --log-console", "Log messages to local console.");
        flag("-D --log-detail", "Detailed log messages.");
        value("-S --log-facility", String.class, "[0-7]", "Set syslog facility to LOG_LOCAL[0-7].");
        optionalValue("-g --log-file", "", "FILE", "Also log to FILE.");
        flag("--flush-log-file", "Flush log file on write.");
        flag("-G --no-syslog", "Don't log via syslog.");
        value("-u --umask", String.class, "MASK", "umask for file creation (in numeric form).");
        flag("-X --release-vips", "Drop VIP on transition from signal.");
        flag("-V --dont-release-vrrp", "Don't remove VRRP VIPs and VROUTEs on daemon stop.");
        flag("-I --dont-release-ipvs", "Don't remove IPVS topology on daemon stop.");
        flag("-R --dont-respawn", "Don't respawn child processes.");
        flag("-n --dont-fork", "Don't fork the daemon process.");
        optionalValue("-d --dump-conf", "text", "FORMAT", "Dump the effective configuration (text, or json for tools).");
        value("-p --pid", Path.class, "FILE", "Use specified pidfile for parent process.");
        value("-r --vrrp_pid", Path.class, "FILE", "Use specified pidfile for VRRP child process.");
        value("-c --checkers_pid", Path.class, "FILE", "Use specified pidfile for checkers child process.");
        value("-b --bfd_pid", Path.class, "FILE", "Use specified pidfile for BFD child process.");
        flag("-a --address-monitoring", "Report all address additions/deletions notified by netlink.");
        flag("-x --snmp", "Enable SNMP subsystem.");
        value("-A --snmp-agent-socket", String.class, "FILE", "Use the specified socket for master agent.");
        value("-s --namespace", String.class, "NAME", "Run in network namespace NAME (overrides config).");
        flag("-m --core-dump", "Produce core dump if terminate abnormally.");
        optionalValue("-M --core-dump-pattern", "", "PATN", "Also update /proc/sys/kernel/core_pattern to PATN.");
        flag("-e --all-config", "Error if any configuration file missing (same as include_check).");
        value("-i --config-id", String.class, "ID", "Skip any configuration lines beginning '@' that don't match ID.");
        value("--signum", String.class, "SIGFUNC", "Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON.");
        optionalValue("-t --config-test", "", "LOG_FILE", "Check the configuration for obvious errors, output to stderr by default.");
        value("--dump-dir", Path.class, "DIR", "Directory for the SIGUSR1/SIGUSR2 dumps (default: $TMPDIR if absolute, else /tmp).");
        value("--control-socket", String.class, "PATH", "Control socket for 'jkeepalived status/demote/promote' (default: "
                + "/run/jkeepalived/control.sock; 'none' for no socket).");
        value("--http-listen", String.class, "[ADDR:]PORT",
                "Serve /metrics (Prometheus) and /status (JSON) over HTTP on ADDR (default 127.0.0.1). Off by default.");
        flag("-v --version", "Display the version number.");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Display this help message.").build());
    }

    /** An option without a value. */
    private void flag(String names, String description) {
        add(OptionSpec.builder(names.split(" ")).arity("0").type(boolean.class).description(description).build());
    }

    /** An option with a required value. */
    private void value(String names, Class<?> type, String label, String description) {
        add(OptionSpec.builder(names.split(" ")).type(type).paramLabel(label).description(description).build());
    }

    /** An option whose value may be left out: it is then {@code fallback}. */
    private void optionalValue(String names, String fallback, String label, String description) {
        add(OptionSpec.builder(names.split(" ")).type(String.class).arity("0..1").fallbackValue(fallback)
                .paramLabel(label).description(description).build());
    }

    private void add(OptionSpec option) {
        spec.addOption(option);
        options.put(option.names()[0], option);
    }

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
        CommandLine commandLine = new CommandLine(new KeepalivedCommand().spec);
        if (withSubcommands) {
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.StatusCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.DemoteCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.control.PromoteCommand());
            commandLine.addSubcommand(new org.jkeepalived.daemon.doctor.DoctorCommand());
        }
        commandLine.setExecutionExceptionHandler(new ExecutionFailure());
        commandLine.setParameterExceptionHandler(new UsageError());
        return commandLine;
    }

    /** An exception out of the command: reported in one line, exit code {@link ExitCodes#PROGRAM_ERROR}. */
    private static final class ExecutionFailure implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            cl.getErr().println("jkeepalived: " + ex);
            return ExitCodes.PROGRAM_ERROR;
        }
    }

    /** A command line picocli cannot parse: the message and the usage, exit code {@link ExitCodes#FATAL}. */
    private static final class UsageError implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            cl.getErr().println(ex.getMessage());
            cl.usage(cl.getErr());
            return ExitCodes.FATAL;
        }
    }

    /** Copies the parsed options into the fields ({@link #call()} runs after a successful parse). */
    private void readOptions() {
        Path file = option("-f");
        configFile = file != null ? file : Path.of(DEFAULT_CONFIG);
        checkOnly = isSet("-C");
        noBfd = isSet("-B");
        all = isSet("--all");
        logConsole = isSet("-l");
        logDetail = isSet("-D");
        logFacility = option("-S");
        logFile = option("-g");
        flushLogFile = isSet("--flush-log-file");
        noSyslog = isSet("-G");
        umask = option("-u");
        releaseVips = isSet("-X");
        dontReleaseVrrp = isSet("-V");
        dontReleaseIpvs = isSet("-I");
        dontRespawn = isSet("-R");
        dumpConf = option("-d");
        pidFile = option("-p");
        vrrpPidFile = option("-r");
        checkersPidFile = option("-c");
        bfdPidFile = option("-b");
        addressMonitoring = isSet("-a");
        snmp = isSet("-x");
        snmpAgentSocket = option("-A");
        namespace = option("-s");
        coreDump = isSet("-m");
        coreDumpPattern = option("-M");
        allConfig = isSet("-e");
        configId = option("-i");
        signum = option("--signum");
        configTest = option("-t");
        dumpDirectory = option("--dump-dir");
        controlSocket = option("--control-socket");
        httpListen = option("--http-listen");
        version = isSet("-v");
    }

    private boolean isSet(String name) {
        return Boolean.TRUE.equals(options.get(name).getValue());
    }

    @SuppressWarnings("unchecked")
    private <T> T option(String name) {
        return (T) options.get(name).getValue();
    }

    @Override
    public Integer call() {
        readOptions();
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
