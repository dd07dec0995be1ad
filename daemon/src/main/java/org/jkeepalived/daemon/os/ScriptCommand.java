package org.jkeepalived.daemon.os;

import java.util.List;

/**
 * A configured command as the config parser produced it: argv split keepalived's way (quotes and
 * escapes already processed) and an optional explicit user/group. Mirrors the parser model's
 * {@code NotifyScript}; {@code null} user means the global script user.
 *
 * @param argv  program (absolute path, bare name for a PATH search, or "&lt;/path" for a shell
 *              test) and its arguments; never empty
 * @param user  explicit user name, or null
 * @param group explicit group name, or null
 */
public record ScriptCommand(List<String> argv, String user, String group) {
    public ScriptCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("a script needs a command");
        }
    }

    /** A command run as the default script user. */
    public static ScriptCommand of(String... argv) {
        return new ScriptCommand(List.of(argv), null, null);
    }

    /** argv joined by blanks, as keepalived prints a command. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
