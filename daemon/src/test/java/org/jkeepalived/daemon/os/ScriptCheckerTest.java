package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's script checks and log wording, on real files with real permissions (runs as root). */
class ScriptCheckerTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    /** script_user root with security, so the tests do not depend on whether keepalived_script exists. */
    private ScriptChecker checker(boolean security) {
        return new ScriptChecker(security, security ? "root" : null, null, ENV);
    }

    @Test
    void withScriptSecurityAMissingKeepalivedScriptUserDisablesDefaultUserScripts() throws IOException {
        Path script = Scripts.write(dir, "ok.sh", "exit 0");
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            ScriptChecker secure = new ScriptChecker(true, null, null, ENV, "no_such_default_user_x");

            assertThat(secure.check(ScriptCommand.of(script.toString()))).isEmpty();
            assertThat(log.lines()).contains("Unable to set default user no_such_default_user_x for script");
        }
    }

    @Test
    void withoutScriptSecurityTheDefaultUserIsRootWhenKeepalivedScriptIsMissing() throws IOException {
        Path script = Scripts.write(dir, "ok.sh", "exit 0");

        Optional<PreparedScript> prepared = new ScriptChecker(false, null, null, ENV, "no_such_default_user_x")
                .check(ScriptCommand.of(script.toString()));

        assertThat(prepared).isPresent();
        assertThat(prepared.get().uid()).isZero();
        assertThat(prepared.get().gid()).isZero();
    }

    @Test
    void acceptsARootOwnedScriptInRootOwnedDirectories() throws IOException {
        Path script = Scripts.write(dir, "ok.sh", "exit 0");
        ScriptChecker checker = checker(true);

        Optional<PreparedScript> prepared = checker.check(new ScriptCommand(List.of(script.toString(), "x"), null, null));

        assertThat(prepared).isPresent();
        assertThat(prepared.get().argv()).containsExactly(script.toRealPath().toString(), "x");
        assertThat(prepared.get().insecure()).isFalse();
        assertThat(checker.anyScript()).isTrue();
    }

    @Test
    void disablesAMissingScriptWithKeepalivedsWords() {
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            Optional<PreparedScript> prepared = checker(false).check(ScriptCommand.of(dir + "/missing.sh"));

            assertThat(prepared).isEmpty();
            assertThat(log.lines()).contains("Script " + dir + "/missing.sh cannot be accessed - No such file or directory");
        }
    }

    @Test
    void disablesAScriptNotExecutableForItsUser() throws IOException {
        Path script = Scripts.write(dir, "noexec.sh", "exit 0");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            assertThat(checker(false).check(ScriptCommand.of(script.toString()))).isEmpty();
            assertThat(log.lines()).contains("WARNING - script '" + script.toRealPath()
                    + "' is not executable for uid:gid 0:0 - disabling.");
        }
    }

    @Test
    void refusesARootScriptInAWorldWritableDirectoryWithScriptSecurity() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Scripts.write(open, "chk.sh", "exit 0");
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            ScriptChecker secure = checker(true);

            assertThat(secure.check(ScriptCommand.of(script.toString()))).isEmpty();
            assertThat(log.lines()).contains("Unsafe permissions found for script '" + script.toRealPath() + "' - disabling.");
        }
    }

    @Test
    void runsButReportsAnInsecureScriptWithoutScriptSecurity() throws IOException {
        Path script = Scripts.write(dir, "chk.sh", "exit 0");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            ScriptChecker lax = checker(false);

            Optional<PreparedScript> prepared = lax.check(ScriptCommand.of(script.toString()));
            lax.logSummary();

            assertThat(prepared).isPresent();
            assertThat(prepared.get().insecure()).isTrue();
            assertThat(log.lines()).contains("Unsafe permissions found for script '" + script.toRealPath() + "'.",
                    "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                            + " There are insecure scripts.");
        }
    }

    @Test
    void scriptsRunAsAnUnprivilegedUserNeedNoPathCheck() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Scripts.write(open, "chk.sh", "exit 0");
        UserDb.Account nobody = UserDb.user("nobody").orElseThrow();

        Optional<PreparedScript> prepared = checker(true).check(new ScriptCommand(List.of(script.toString()), "nobody", null));

        assertThat(prepared).isPresent();
        assertThat(prepared.get().uid()).isEqualTo(nobody.uid());
        assertThat(prepared.get().gid()).isEqualTo(nobody.gid());
    }

    @Test
    void resolvesABareNameOnThePath() {
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            Optional<PreparedScript> prepared = checker(false).check(ScriptCommand.of("true"));

            assertThat(prepared).isPresent();
            assertThat(prepared.get().argv().get(0)).endsWith("/true");
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARNING - script `true` resolved by path search to `"));
        }
    }

    @Test
    void disablesABareNameNotOnThePath() {
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            assertThat(checker(false).check(ScriptCommand.of("no-such-command-xyz"))).isEmpty();
            assertThat(log.lines()).contains("Cannot find script no-such-command-xyz in path - disabling");
        }
    }

    @Test
    void disablesAScriptForAnUnknownUser() throws IOException {
        Path script = Scripts.write(dir, "ok.sh", "exit 0");
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            assertThat(checker(false).check(new ScriptCommand(List.of(script.toString()), "no_such_user_x", null))).isEmpty();
            assertThat(log.lines()).contains("Script user 'no_such_user_x' does not exist");
        }
    }

    @Test
    void keepsTheShellFileTestForSh() {
        Optional<PreparedScript> prepared = checker(true).check(ScriptCommand.of("</dev/tcp/127.0.0.1/80"));

        assertThat(prepared).isPresent();
        assertThat(prepared.get().viaShell()).isTrue();
    }

    @Test
    void noSecurityViolationLineWithScriptSecurity() throws IOException {
        Path script = Scripts.write(dir, "ok.sh", "exit 0");
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            ScriptChecker secure = checker(true);
            secure.check(ScriptCommand.of(script.toString()));
            secure.logSummary();
            assertThat(log.lines()).noneMatch(l -> l.contains("SECURITY VIOLATION"));
        }
    }

    @Test
    void aQuietCheckerGivesTheSameVerdictsWithoutLogging() {
        try (LogCapture log = new LogCapture(ScriptChecker.class)) {
            ScriptChecker quiet = checker(false).quiet();
            assertThat(quiet.check(ScriptCommand.of(dir + "/missing.sh"))).isEmpty();
            assertThat(quiet.lastRejection()).isEqualTo(ScriptChecker.Rejection.NOT_FOUND);
            quiet.logSummary();
            assertThat(log.lines()).isEmpty();
        }
    }
}
