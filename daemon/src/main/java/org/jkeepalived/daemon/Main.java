package org.jkeepalived.daemon;

import picocli.CommandLine;

/** Process entry point: parses the command line and exits with keepalived's exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (StartupPreload.helpsWith(args)) {
            StartupPreload.start(); // before picocli: see StartupPreload
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (separated for tests). */
    public static int run(String... args) {
        CommandLine commandLine = KeepalivedCommand.commandLine();
        return commandLine.execute(args);
    }
}
