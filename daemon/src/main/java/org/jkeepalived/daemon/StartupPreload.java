package org.jkeepalived.daemon;

import java.util.List;
import java.util.Set;

/**
 * Does, on three helper threads, the start-up work whose first use is slow and does not depend on
 * the command line: jnr-ffi's libc bindings and their first calls, the pcap4j mappings (JNA loads
 * libpcap), the configuration parser's keyword tables (hundreds of handlers), slf4j's binding to
 * logback and the JDK's socket classes the control socket needs. The daemon's start-up is
 * otherwise one thread on a machine with two cores: picocli, then the parse, then the kernel.
 * Started first thing in {@link Main}, these run while picocli reads the command line, so the
 * daemon reaches its first advert sooner (docs/bench/daemon-tuning.md sections 8 and 9).
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
     * failed here would hide JNA's own error message from the daemon's report. The last three are
     * what opening the first capture handle initialises (the second JNA mapping, the link types
     * pcap4j reads from its properties, JNA's reflection helpers).
     */
    static final List<String> PCAP_CLASSES = List.of(
            "org.pcap4j.core.NativeMappings",
            "org.pcap4j.core.PcapHandle",
            "org.pcap4j.core.NativeMappings$PcapLibrary",
            "org.pcap4j.packet.namednumber.DataLinkType",
            "com.sun.jna.internal.ReflectionUtils");
    static final List<String> PARSER_CLASSES = List.of(
            "org.jkeepalived.config.parse.KeywordDefinitions",
            "org.jkeepalived.config.parse.CheckerKeywordDefinitions");
    /**
     * The blocks most configurations of a VRRP daemon have: defined ahead (KeywordTable#define),
     * the others when a configuration opens them.
     */
    static final List<String> COMMON_BLOCKS = List.of("global_defs", "vrrp_instance", "vrrp_script", "vrrp_sync_group");
    /**
     * The JDK's unix-domain socket support, initialised by the control socket: its static set-up
     * seeds a SecureRandom and looks up the platform's socket options, about 10 ms. Internal
     * classes, named because no public call initialises them without opening a socket; a JDK
     * without them only loses the head start.
     */
    static final List<String> JDK_CLASSES = List.of(
            "sun.nio.ch.UnixDomainSockets",
            "sun.nio.ch.Net");
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
        thread("jkeepalived-preload-native", new NativeBindings());
        thread("jkeepalived-preload-parser", new ParserTables());
        thread("jkeepalived-preload-runtime", new RuntimeServices());
    }

    // Classes rather than lambdas: the first lambda a JVM links sets up the lambda machinery (about
    // 6 ms), which the parser's keyword tables then pay on their own thread instead of main.

    /**
     * {@link #NATIVE_CLASSES} and the first calls of the port's libc functions, then
     * {@link #PCAP_CLASSES} when libpcap is installed.
     */
    private static final class NativeBindings implements Runnable {
        @Override
        public void run() {
            if (!load(NATIVE_CLASSES)) {
                return;
            }
            try {
                org.jkeepalived.netlink.LinuxInterfacePort.prepareNativeCalls();
            } catch (LinkageError | RuntimeException e) {
                return; // the daemon's own first call reports it
            }
            if (org.jkeepalived.netlink.PcapLibrary.path().startsWith("/")) {
                load(PCAP_CLASSES);
            }
        }
    }

    /** {@link #PARSER_CLASSES}, then the blocks of {@link #COMMON_BLOCKS}. */
    private static final class ParserTables implements Runnable {
        @Override
        public void run() {
            if (load(PARSER_CLASSES)) {
                try {
                    org.jkeepalived.config.parse.KeywordDefinitions.table().define(COMMON_BLOCKS);
                } catch (LinkageError | RuntimeException e) {
                    // the parse defines them itself and reports it
                }
            }
        }
    }

    /** slf4j's binding to logback ({@link Logging#loggerContext} waits for it), then {@link #JDK_CLASSES}. */
    private static final class RuntimeServices implements Runnable {
        @Override
        public void run() {
            try {
                org.slf4j.LoggerFactory.getILoggerFactory();
            } catch (LinkageError | RuntimeException e) {
                // the daemon's own first logger reports it
            }
            load(JDK_CLASSES);
        }
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
