package org.jkeepalived.daemon.os;

import java.util.List;

/**
 * A script that passed {@link ScriptChecker}: argv with the program path resolved (PATH search,
 * symlinks), and the numeric ids it runs as. Immutable.
 *
 * @param argv      resolved program and arguments
 * @param uid       user id to run as
 * @param gid       group id to run as
 * @param viaShell  run through {@code /bin/sh -c} (keepalived's "&lt;/file" open test)
 * @param insecure  runs as root from a path writable by non-root (only possible without
 *                  enable_script_security)
 */
public record PreparedScript(List<String> argv, int uid, int gid, boolean viaShell, boolean insecure) {
    public PreparedScript {
        argv = List.copyOf(argv);
    }

    /** The command as keepalived logs it. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
