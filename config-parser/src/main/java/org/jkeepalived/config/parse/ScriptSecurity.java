package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.ScriptEnvironment.FileInfo;
import org.jkeepalived.config.model.NotifyScript;

/**
 * keepalived's script security check ({@code check_script_secure}): a script that can be found
 * counts as executed; without {@code enable_script_security} that is a security violation (exit 6),
 * worse when a root-run script's path is writable by others.
 */
final class ScriptSecurity {
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;

    private final ScriptEnvironment env;
    private boolean anyScript;
    private boolean anyInsecure;

    ScriptSecurity(ScriptEnvironment env) {
        this.env = env;
    }

    /** Checks one script; returns false when keepalived would not run it (not found). */
    boolean check(NotifyScript script) {
        if (script == null || script.argv().isEmpty()) {
            return false;
        }
        String cmd = script.argv().get(0);
        if (cmd.startsWith("<") && cmd.substring(1).stripLeading().startsWith("/")) {
            return true;
        }
        String path = cmd.indexOf('/') >= 0 ? cmd : search(cmd);
        if (path == null) {
            return false;
        }
        String absolute = path.startsWith("/") ? path : "/" + path;
        Optional<FileInfo> info = env.file(absolute);
        if (info.isEmpty()) {
            return false;
        }
        anyScript = true;
        if (insecurePath(absolute)) {
            anyInsecure = true;
        }
        return true;
    }

    private String search(String name) {
        for (String dir : env.searchPath()) {
            String candidate = dir + "/" + name;
            Optional<FileInfo> f = env.file(candidate);
            if (f.isPresent() && f.get().regular()) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether any element of the path is owned by a non-root user or writable by others. */
    private boolean insecurePath(String path) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add("/");
        int at = 1;
        while (at < path.length()) {
            int slash = path.indexOf('/', at);
            prefixes.add(slash < 0 ? path : path.substring(0, slash));
            if (slash < 0) {
                break;
            }
            at = slash + 1;
        }
        for (String p : prefixes) {
            Optional<FileInfo> f = env.file(p);
            if (f.isEmpty()) {
                return false;
            }
            FileInfo fi = f.get();
            boolean writable = ((fi.directory() && (fi.mode() & S_ISVTX) == 0) || fi.regular())
                    && ((fi.gid() != 0 && (fi.mode() & S_IWGRP) != 0) || (fi.mode() & S_IWOTH) != 0);
            if (fi.uid() != 0 || writable) {
                return true;
            }
        }
        return false;
    }

    /** Reports the violation when scripts run without script security. */
    void reportIfViolated(boolean scriptSecurityEnabled, Reporter out, String what) {
        if (!scriptSecurityEnabled && anyScript) {
            out.report(ConfigError.SECURITY_ERROR, "SECURITY VIOLATION - " + what
                    + " are being executed but script_security not enabled." + (anyInsecure ? " There are insecure scripts." : ""));
        }
    }
}
