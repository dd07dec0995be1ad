package org.jkeepalived.daemon.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpScript;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptCommand;

/**
 * Check 7: every configured script (vrrp_script, notify scripts of instances and sync groups)
 * through the daemon's own {@link ScriptChecker}, so the doctor's verdicts are the daemon's: a
 * script that does not exist, is not executable for its user, runs as root from a path others
 * can write, or names a user or group that does not exist; and scripts run without
 * {@code enable_script_security} (keepalived's "SECURITY VIOLATION").
 */
final class ScriptCheck {
    private ScriptCheck() {
    }

    static List<Finding> run(DoctorConfig doctorConfig) {
        KeepalivedConfig config = doctorConfig.config();
        GlobalDefs g = config.globalDefs();
        ScriptChecker checker = new ScriptChecker(g.enableScriptSecurity(), g.scriptUser(), g.scriptGroup(),
                System.getenv()).quiet();
        List<Finding> findings = new ArrayList<>();
        for (var e : scripts(config).entrySet()) {
            NotifyScript script = e.getValue();
            if (script.argv().isEmpty() || script.argv().get(0).isEmpty()) {
                continue;
            }
            Optional<PreparedScript> prepared = checker.check(
                    new ScriptCommand(script.argv(), script.user(), script.group()));
            Finding f = verdict(e.getKey(), script, prepared, checker.lastRejection(), g);
            if (f != null) {
                findings.add(f);
            }
        }
        if (!g.enableScriptSecurity() && checker.anyScript()) {
            String line = doctorConfig.securityDiagnostics().stream().map(Diagnostic::render).findFirst()
                    .orElse("SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
            findings.add(Finding.of(Code.JKA064, "global_defs", line,
                    "add enable_script_security to global_defs (scripts then run as script_user, default keepalived_script)"));
        }
        return findings;
    }

    private static Finding verdict(String where, NotifyScript script, Optional<PreparedScript> prepared,
                                   ScriptChecker.Rejection rejection, GlobalDefs g) {
        String program = script.argv().get(0);
        if (prepared.isPresent()) {
            if (!prepared.get().insecure()) {
                return null;
            }
            return new Finding(Code.JKA062, Severity.WARNING, where, "script " + program
                    + " runs as root but a component of its path is writable by non-root users or not owned by root;"
                    + " it runs only because enable_script_security is off",
                    "chown root and chmod go-w the script and every directory above it");
        }
        return switch (rejection) {
            case NOT_FOUND -> Finding.of(Code.JKA060, where, "script " + program
                    + " does not exist (or is not on PATH); it is disabled and its tracking or notification never happens",
                    "install " + program + " or fix the path (use an absolute path)");
            case NOT_EXECUTABLE -> Finding.of(Code.JKA061, where, "script " + program
                    + " is not executable for the user it runs as; it is disabled",
                    "chmod +x " + program + " (and make it readable by " + userOf(script, g) + ")");
            case INSECURE -> Finding.of(Code.JKA062, where, "script " + program
                    + " runs as root from a path others can write; enable_script_security disables it",
                    "chown root and chmod go-w the script and every directory above it");
            case NO_USER -> Finding.of(Code.JKA063, where, "script user or group for " + program + " ("
                    + userOf(script, g) + ") does not exist; the script is disabled",
                    "create the user (useradd -r -s /sbin/nologin " + userOf(script, g).split(":")[0]
                            + ") or fix script_user");
            case NONE -> null;
        };
    }

    private static String userOf(NotifyScript script, GlobalDefs g) {
        String user = script.user() != null ? script.user()
                : g.scriptUser() != null ? g.scriptUser() : ScriptChecker.DEFAULT_SCRIPT_USER;
        String group = script.user() != null ? script.group() : g.scriptGroup();
        return group != null ? user + ":" + group : user;
    }

    /** Every configured script, keyed by where it is configured ("vrrp_script chk", "VI_1 notify_master"). */
    static Map<String, NotifyScript> scripts(KeepalivedConfig config) {
        Map<String, NotifyScript> out = new LinkedHashMap<>();
        for (VrrpScript s : config.vrrpScripts()) {
            out.put("vrrp_script " + s.name(), s.script());
        }
        for (VrrpInstance vi : config.vrrpInstances()) {
            vi.notifyScripts().forEach((k, v) -> out.put(vi.name() + " " + k, v));
        }
        for (VrrpSyncGroup sg : config.syncGroups()) {
            sg.notifyScripts().forEach((k, v) -> out.put(sg.name() + " " + k, v));
        }
        return out;
    }
}
