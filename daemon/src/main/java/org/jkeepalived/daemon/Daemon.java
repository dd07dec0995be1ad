package org.jkeepalived.daemon;

import java.io.IOException;
import java.nio.file.Path;

import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.daemon.control.ControlOptions;
import org.jkeepalived.daemon.control.ControlService;
import org.jkeepalived.daemon.control.Snapshot;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.os.LoopTimer;
import org.jkeepalived.daemon.os.NetworkNamespace;
import org.jkeepalived.daemon.os.PidFile;
import org.jkeepalived.daemon.os.RealtimeSignals;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptCommand;
import org.jkeepalived.daemon.os.SdNotifier;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.jkeepalived.netlink.LinuxInterfacePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The long-running service: parses the configuration, writes the pid files, opens the kernel
 * port, starts the VRRP instances on the {@link EventLoop} (which runs on the calling thread) and
 * maps keepalived's signals onto loop commands: TERM/INT stop, HUP reloads, USR1/USR2 dump.
 */
final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private final DaemonOptions options;
    private final EventLoop loop = new EventLoop();
    private LinuxInterfacePort port;
    private VrrpService vrrp;
    private ConfigReloader reloader;
    private SdNotifier sd;
    private PidFile mainPid;
    private PidFile vrrpPid;
    private volatile boolean stopping;
    private final ControlOptions controlOptions;
    private ControlService control;
    private final long startMillis = System.currentTimeMillis();
    /** SIGHUP reloads handled (loop thread). */
    private long reloads;
    private RealtimeSignals realtimeSignals;
    /** The pid directories this run created for -s, deepest first (removed at exit when empty). */
    private LifecycleScripts lifecycleScripts;
    /** The configuration the daemon started with, for the shutdown script when VRRP never started. */
    private KeepalivedConfig startConfig;
    private final java.util.List<Path> createdPidDirs = new java.util.ArrayList<>();
    private static final Path PID_DIR = Path.of("/run/keepalived");
    /** Simulated failovers per address family that warm the codec and state machine (vrrp/Warmup). */
    private static final int WARMUP_ROUNDS = 40;
    /** The loop thread's SCHED_RR priority when the configuration sets neither vrrp_priority nor vrrp_rt_priority. */
    static final int DEFAULT_LOOP_RT_PRIORITY = 1;
    /** The loop thread's nice value in that case when real time is refused. */
    static final int DEFAULT_LOOP_NICE = -10;
    /** Log calls that warm the loop thread's logging path (Logging.warm). */
    private static final int WARMUP_LOG_LINES = 2000;

    Daemon(DaemonOptions options) {
        this(options, ControlOptions.defaults());
    }

    Daemon(DaemonOptions options, ControlOptions controlOptions) {
        this.options = options;
        this.controlOptions = controlOptions;
    }

    /** Runs until stopped; returns keepalived's daemon exit code. */
    int run() {
        Logging.configure(options.logConsole(), !options.noSyslog(), options.logFacility(), options.logDetail());
        LOG.info("Starting jkeepalived {}", KeepalivedCommand.VERSION);
        StartupPreload.start(); // Main started it already; not when the daemon runs from tests
        for (String flag : options.withoutEffect()) {
            LOG.info("Option {} has no effect in jkeepalived", flag);
        }
        if (options.namespace() != null) {
            java.util.Optional<String> notIn = NetworkNamespace.whyNotIn(options.namespace());
            if (notIn.isPresent()) {
                LOG.error(notIn.get());
                return ExitCodes.FATAL;
            }
            LOG.info("Running in network namespace {}", options.namespace());
        }
        ParseResult parsed = options.configCheck().parse();
        for (Diagnostic d : parsed.diagnostics().all()) {
            LOG.warn(d.render());
        }
        if (parsed.diagnostics().aborted()) {
            LOG.error("Stopping: the configuration cannot be used");
            return ExitCodes.CONFIG;
        }
        KeepalivedConfig config = parsed.config();
        logInaccessibleNotifyScripts(parsed);
        org.jkeepalived.daemon.os.ProcessUmask.set(umask(config));
        try {
            if (!writePidFiles()) {
                return ExitCodes.OK;
            }
        } catch (IOException e) {
            LOG.error("Unable to write pid file: {}", e.getMessage());
            return ExitCodes.MISSING_PERMISSION;
        }
        sd = SdNotifier.fromEnvironment();
        try {
            port = new LinuxInterfacePort();
            vrrp = new VrrpService(loop, port, config.globalDefs().otherSettings().containsKey("log_unknown_vrids"),
                    options.logDetail());
            port.open(vrrp::onPortEvent);
            control = new ControlService(loop, vrrp, controlOptions.socket(), controlOptions.http(), this::daemonInfo);
        } catch (IOException | RuntimeException e) {
            LOG.error("Unable to open the network interfaces: {}", e.getMessage());
            removePidFiles();
            return ExitCodes.FATAL;
        }
        reloader = new ConfigReloader(options);
        installSignals();
        lifecycleScripts = new LifecycleScripts(loop);
        startConfig = config;
        loop.post(() -> lifecycleScripts.runStartup(config.globalDefs(), scriptChecker(config.globalDefs()),
                () -> {
                    if (!stopping) {
                        startVrrp(config);
                    }
                }));
        LoopTimer watchdog = new LoopTimer(loop, () -> sd.nextWatchdogNanos(loop.now()), sd::onWatchdogTimer);
        loop.post(watchdog::rearm);
        scheduleLoopThread(config.globalDefs());
        loop.run();
        finish();
        return ExitCodes.OK;
    }

    /**
     * The loop thread's (this thread's) scheduling, from keepalived's {@code vrrp_rt_priority}
     * (SCHED_RR) or else {@code vrrp_priority} (nice), which keepalived applies to its whole VRRP
     * process. Without either, jkeepalived puts the loop thread alone in SCHED_RR at priority
     * {@value #DEFAULT_LOOP_RT_PRIORITY}, the lowest, or where that is refused (no CAP_SYS_NICE)
     * at nice {@value #DEFAULT_LOOP_NICE}. Why a default when keepalived has none: keepalived's
     * VRRP process is one thread, while the loop thread shares the CPUs with the JVM's helpers
     * and with any busy neighbour, and a takeover wakes several of them (log writer, netlink
     * monitor, packet capture) right between its advert and its gratuitous ARPs. At nice -10 it
     * was still preempted there: its address add took 0.06 to 2.6 ms; in SCHED_RR 0.06 to 0.1 ms
     * (docs/bench/daemon-tuning.md section 8). Timer overruns on busy hosts are keepalived's
     * users' third complaint, and keepalived's answer is the same class ({@code vrrp_rt_priority},
     * {@code max_auto_priority}). The loop uses a few percent of a core and blocks between events;
     * SCHED_RESET_ON_FORK keeps the class from the threads and scripts it starts.
     */
    private static void scheduleLoopThread(GlobalDefs globals) {
        Integer realtime = firstInt(globals.otherSettings().get("vrrp_rt_priority"));
        if (realtime != null) {
            if (org.jkeepalived.daemon.loop.ThreadScheduling.roundRobin(realtime)) {
                LOG.info("VRRP event loop runs at real-time priority {} (SCHED_RR)",
                        Math.max(1, Math.min(org.jkeepalived.daemon.loop.ThreadScheduling.RR_MAX, realtime)));
            } else {
                LOG.warn("Unable to set the VRRP event loop to real-time priority {}", realtime);
            }
            return;
        }
        Integer configured = firstInt(globals.otherSettings().get("vrrp_priority"));
        if (configured != null) {
            if (!org.jkeepalived.daemon.loop.ThreadScheduling.nice(configured)) {
                LOG.warn("Unable to set the VRRP event loop priority to {}", configured);
            }
            return;
        }
        if (!org.jkeepalived.daemon.loop.ThreadScheduling.roundRobin(DEFAULT_LOOP_RT_PRIORITY)) {
            org.jkeepalived.daemon.loop.ThreadScheduling.nice(DEFAULT_LOOP_NICE);
        }
    }

    private static Integer firstInt(java.util.List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(values.get(0));
        } catch (NumberFormatException e) {
            return null; // the parser already reported it with keepalived's wording
        }
    }

    private void startVrrp(KeepalivedConfig config) {
        try {
            vrrp.start(config, scriptChecker(config.globalDefs()), hostName(), System.getProperty("user.name"));
            reloader.started(config, vrrp);
            control.start();
            sd.ready("Running");
            LOG.info("Startup complete");
            // After the instances started, never before: the first advert does not wait for it.
            org.jkeepalived.daemon.vrrp.Warmup.startInBackground(WARMUP_ROUNDS, port::exerciseAddressPath,
                    adverts -> {
                        Logging.warm(WARMUP_LOG_LINES);
                        LOG.debug("Warm-up processed {} adverts", adverts);
                    });
        } catch (IOException | RuntimeException e) {
            LOG.error("Unable to start VRRP: {}", e.toString());
            requestStop();
        }
    }

    /** {@code -u} wins over {@code global_defs umask}; keepalived's default is 0177. Numeric forms only. */
    private int umask(KeepalivedConfig config) {
        String text = options.umask();
        if (text == null) {
            java.util.List<String> configured = config.globalDefs().otherSettings().get("umask");
            text = configured == null || configured.isEmpty() ? null : configured.get(0);
        }
        if (text != null) {
            try {
                return Integer.decode(text) & 0777; // "0177" is octal, as keepalived reads it
            } catch (NumberFormatException e) {
                LOG.warn("Invalid umask '{}' - using {}", text, org.jkeepalived.daemon.os.ProcessUmask.KEEPALIVED_DEFAULT_OCTAL);
            }
        }
        return org.jkeepalived.daemon.os.ProcessUmask.KEEPALIVED_DEFAULT;
    }

    static ScriptChecker scriptChecker(GlobalDefs globals) {
        return new ScriptChecker(globals.enableScriptSecurity(), globals.scriptUser(), globals.scriptGroup(),
                System.getenv()).quiet();
    }

    /**
     * The notify scripts the parser dropped (keepalived's {@code -t} is silent about them): logged
     * with keepalived's wording ("Script ... cannot be accessed - No such file or directory") as
     * its VRRP process does at startup and reload; the daemon carries on without them.
     */
    static void logInaccessibleNotifyScripts(ParseResult parsed) {
        if (parsed.inaccessibleNotifyScripts().isEmpty()) {
            return;
        }
        GlobalDefs globals = parsed.config().globalDefs();
        ScriptChecker checker = new ScriptChecker(globals.enableScriptSecurity(), globals.scriptUser(),
                globals.scriptGroup(), System.getenv());
        for (NotifyScript script : parsed.inaccessibleNotifyScripts()) {
            checker.check(new ScriptCommand(script.argv(), script.user(), script.group()));
        }
    }

    private void installSignals() {
        handle("TERM", this::requestStop);
        handle("INT", this::requestStop);
        handle("HUP", () -> loop.post(() -> {
            sd.reloading(loop.now());
            reloader.reload();
            reloads++;
            control.stateChanged();
            sd.ready("Running");
        }));
        handle("USR1", () -> loop.post(() -> Dumps.writeData(options.dumpDirectory(), vrrp)));
        handle("USR2", () -> loop.post(() -> Dumps.writeStats(options.dumpDirectory(), vrrp, false)));
        openRealtimeSignals();
    }

    /**
     * SIGRTMIN+2 (JSON) and SIGRTMAX-1 (stats, then clear) through a signalfd: possible only when
     * the launcher blocked them before java started (see {@link RealtimeSignals}).
     */
    private void openRealtimeSignals() {
        int json = SignalFunction.JSON.signalNumber();
        int statsClear = SignalFunction.STATS_CLEAR.signalNumber();
        if (!RealtimeSignals.blockedInThisThread(json) || !RealtimeSignals.blockedInThisThread(statsClear)) {
            LOG.info("Signals {} (JSON dump) and {} (stats clear) are not blocked: they need the jkeepalived launcher "
                    + "(bin/jkeepalived), which blocks them for a signalfd; without it they would end the process",
                    json, statsClear);
            return;
        }
        try {
            realtimeSignals = RealtimeSignals.open(signo -> loop.post(() -> {
                if (signo == json) {
                    Dumps.writeJson(options.dumpDirectory(), vrrp);
                } else if (signo == statsClear) {
                    Dumps.writeStats(options.dumpDirectory(), vrrp, true);
                }
            }), json, statsClear);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot receive signals {} and {}: {}", json, statsClear, e.getMessage());
        }
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            LOG.warn("Cannot handle SIG{}: {}", name, e.getMessage());
        }
    }

    /** SIGTERM/SIGINT: any thread. */
    void requestStop() {
        if (stopping) {
            return;
        }
        stopping = true;
        loop.post(() -> {
            LOG.info("Stopping");
            sd.stopping();
            control.close();
            vrrp.stop(options.dontReleaseVrrp());
            KeepalivedConfig current = vrrp.config() != null ? vrrp.config() : startConfig;
            lifecycleScripts.runShutdown(current.globalDefs(), scriptChecker(current.globalDefs()), loop::stop);
        });
    }

    private Snapshot.DaemonInfo daemonInfo() {
        return new Snapshot.DaemonInfo(KeepalivedCommand.VERSION, ProcessHandle.current().pid(), startMillis,
                options.configFile().toAbsolutePath().toString(), reloads);
    }

    private void finish() {
        if (control != null) {
            control.close();
        }
        try {
            if (port != null) {
                port.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Error closing the network interfaces: {}", e.toString());
        }
        if (realtimeSignals != null) {
            realtimeSignals.close();
        }
        removePidFiles();
        sd.close();
        LOG.info("Stopped");
    }

    private boolean writePidFiles() throws IOException {
        // keepalived 2.2.7 with -s NAME: /run/keepalived/NAME/keepalived.pid and vrrp.pid (verified).
        Path namespaceDir = options.namespace() == null ? null : PID_DIR.resolve(options.namespace());
        Path mainDefault = namespaceDir == null ? PidFile.DEFAULT_MAIN : namespaceDir.resolve("keepalived.pid");
        Path vrrpDefault = namespaceDir == null ? PidFile.DEFAULT_VRRP : namespaceDir.resolve("vrrp.pid");
        if (namespaceDir != null && (options.pidFile() == null || options.vrrpPidFile() == null)
                && !java.nio.file.Files.isDirectory(namespaceDir)) {
            // Remove at exit what this run created: the namespace directory, and /run/keepalived too.
            createdPidDirs.add(namespaceDir);
            if (!java.nio.file.Files.isDirectory(PID_DIR)) {
                createdPidDirs.add(PID_DIR);
            }
            java.nio.file.Files.createDirectories(namespaceDir);
        }
        mainPid = new PidFile(options.pidFile() != null ? options.pidFile() : mainDefault);
        vrrpPid = new PidFile(options.vrrpPidFile() != null ? options.vrrpPidFile() : vrrpDefault);
        if (mainPid.heldByLiveProcess()) {
            LOG.info(PidFile.ALREADY_RUNNING);
            return false;
        }
        int pid = (int) ProcessHandle.current().pid();
        mainPid.write(pid);
        vrrpPid.write(pid);
        return true;
    }

    private void removePidFiles() {
        if (mainPid != null) {
            mainPid.remove();
        }
        if (vrrpPid != null) {
            vrrpPid.remove();
        }
        for (Path created : createdPidDirs) {
            try {
                java.nio.file.Files.deleteIfExists(created);
            } catch (IOException e) {
                LOG.debug("Pid directory {} kept: {}", created, e.getMessage());
            }
        }
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
