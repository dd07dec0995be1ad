package org.jkeepalived.config.model;

import java.util.List;

/**
 * A script keepalived runs: the command split into argv as keepalived splits it (quotes and
 * escapes processed), and the user/group it runs as ({@code null} = the global script_user).
 *
 * @param argv    program and arguments, never empty
 * @param user    explicit user, or null
 * @param group   explicit group, or null
 */
public record NotifyScript(List<String> argv, String user, String group) {
    public NotifyScript {
        argv = List.copyOf(argv);
    }

    /** The command as keepalived prints it: argv joined by blanks. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
