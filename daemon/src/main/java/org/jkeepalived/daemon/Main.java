package org.jkeepalived.daemon;

import org.jkeepalived.daemon.os.NativeLibraries;
import picocli.CommandLine;

/** Process entry point: parses the command line and exits with keepalived's exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeLibraries.configure(); // before anything loads jnr-ffi or JNA
        // slf4j's provider by name: without it, slf4j looks it up with a ServiceLoader, which
        // searches the JDK's modules and the jar for the service file at every start. slf4j then
        // says so on stderr at its INFO level: its own messages are kept to warnings and errors.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "ch.qos.logback.classic.spi.LogbackServiceProvider");
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        if (StartupPreload.looksLikeDaemonRun(args)) {
            StartupPreload.start(); // before picocli: see StartupPreload
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (separated for tests). */
    public static int run(String... args) {
        // A daemon run cannot reach a subcommand (none of its words is one): picocli skips them.
        CommandLine commandLine = KeepalivedCommand.commandLine(!StartupPreload.looksLikeDaemonRun(args));
        return commandLine.execute(args);
    }
}
