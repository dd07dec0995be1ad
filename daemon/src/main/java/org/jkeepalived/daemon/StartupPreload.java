package org.jkeepalived.daemon;

import java.util.List;
import java.util.Set;

/**
 * Initialises, on two helper threads, the classes whose first use is slow and does not depend on
 * the command line: jnr-ffi's libc bindings (it generates their bytecode), the pcap4j mappings
 * (JNA loads libpcap), and the configuration parser's keyword tables (hundreds of handlers). The
 * daemon's start-up is otherwise one thread on a machine with two cores: picocli, then the parse,
 * then the kernel. Started first thing in {@link Main}, these run while picocli reads the command
 * line, so the daemon reaches its first advert sooner (docs/bench/daemon-tuning.md section 8).
 *
 * <p>Class initialisation is thread-safe: a caller that needs a class first simply waits for it.
 * Anything that goes wrong here is ignored: the real first use reports it. The tools (-t,
 * --version, subcommands) skip it ({@link #looksLikeDaemonRun}): they would only pay its CPU time.
 */
final class StartupPreload {
    /**
     * Loaded in this order on one thread: every jnr-ffi binding (two threads initialising jnr-ffi
     * classes at once deadlocked in class initialisation: start-up trials that never sent an
     * advert), then the port, which points pcap4j at the library.
     */
    static final List<String> NATIVE_CLASSES = List.of(
            "org.jkeepalived.daemon.os.LibC$Holder",
            "org.jkeepalived.netlink.Native",
            "org.jkeepalived.daemon.loop.ThreadScheduling$Holder",
            "org.jkeepalived.daemon.loop.TimerSlack$Holder",
            "org.jkeepalived.netlink.LinuxInterfacePort");
    /**
     * Loaded after {@link #NATIVE_CLASSES} when libpcap is installed: a class whose initialisation
     * failed here would hide JNA's own error message from the daemon's report.
     */
    static final List<String> PCAP_CLASSES = List.of(
            "org.pcap4j.core.NativeMappings",
            "org.pcap4j.core.PcapHandle");
    static final List<String> PARSER_CLASSES = List.of(
            "org.jkeepalived.config.parse.KeywordDefinitions",
            "org.jkeepalived.config.parse.CheckerKeywordDefinitions");
    private static final Set<String> SUBCOMMANDS = Set.of("status", "demote", "promote", "doctor");
    /** Options after which jkeepalived does not run the daemon. */
    private static final Set<String> TOOL_OPTIONS = Set.of("-t", "--config-test", "-v", "--version", "-h", "--help",
            "-d", "--dump-conf", "--signum");
    private static boolean started;

    private StartupPreload() {
    }

    /** Starts the helper threads once per process; later calls do nothing. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        thread("jkeepalived-preload-native", () -> {
            if (load(NATIVE_CLASSES) && org.jkeepalived.netlink.PcapLibrary.path().startsWith("/")) {
                load(PCAP_CLASSES);
            }
        });
        thread("jkeepalived-preload-parser", () -> load(PARSER_CLASSES));
    }

    /**
     * Whether {@code args} look like a daemon run: no subcommand name and no option of the tools.
     * A guess made before picocli reads them; a wrong one costs CPU time only, as a word that
     * names a subcommand anywhere keeps the subcommands registered ({@link Main#run}).
     */
    static boolean looksLikeDaemonRun(String[] args) {
        for (String arg : args) {
            if (SUBCOMMANDS.contains(arg)) {
                return false;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (TOOL_OPTIONS.contains(name) || (name.startsWith("-t") && !name.startsWith("--"))) {
                return false;
            }
        }
        return true;
    }

    /** Initialises {@code classes} in order; false at the first that fails (its real first use reports it). */
    static boolean load(List<String> classes) {
        for (String className : classes) {
            try {
                Class.forName(className, true, StartupPreload.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    private static void thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
