package org.jkeepalived.daemon;

import picocli.CommandLine;

/** Process entry point: parses the command line and exits with keepalived's exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
