package org.jkeepalived.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one parse and derives keepalived's {@code -t} exit code from them.
 * Not thread-safe: one parse, one collector.
 */
public final class Diagnostics {
    /** keepalived exits 2 at once when a keyword that needs an argument has none. */
    public static final int EXIT_MISSING_PARAMETER = 2;
    /** keepalived 2.2.7 killed by SIGSEGV, as a shell reports it (128 + 11). */
    public static final int EXIT_CRASH = 139;

    private final List<Diagnostic> all = new ArrayList<>();
    private ConfigError worst = ConfigError.OK;
    private boolean missingParameterAbort;
    private Integer exitOverride;
    private boolean muted;

    public void report(Diagnostic diagnostic) {
        if (muted) {
            return;
        }
        all.add(diagnostic);
        // keepalived's rule: a later error overwrites the recorded one when its enum value is larger.
        if (worst == ConfigError.OK || worst.compareTo(diagnostic.error()) < 0) {
            worst = diagnostic.error();
        }
    }

    /** Records that parsing stopped at a keyword missing its parameter (keepalived exits 2). */
    public void abortOnMissingParameter(Diagnostic diagnostic) {
        if (muted) {
            return;
        }
        all.add(diagnostic);
        missingParameterAbort = true;
    }

    /**
     * keepalived 2.2.7 crashed at this point of its config test (segmentation fault): nothing
     * later is reported and {@code -t} exits 139. The parse itself goes on silently, so that the
     * model is complete (in daemon mode only 2.2.7's checker process dies, its VRRP process runs).
     */
    public void crashHere() {
        if (!muted) {
            exitOverride = EXIT_CRASH;
            muted = true;
        }
    }

    /** True once {@link #crashHere()} was called. */
    public boolean crashed() {
        return muted;
    }

    /**
     * Fixes the exit code regardless of the diagnostics: keepalived -t exits this way when it
     * cannot enter the configured network namespace (it stops before validating).
     */
    public void overrideExitCode(int code) {
        exitOverride = code;
    }

    /**
     * Withdraws the given diagnostics (keepalived would not have printed them: its pass stopped
     * before reaching their lines) and recomputes the exit-code severity.
     */
    public void retract(java.util.Collection<Diagnostic> withdrawn) {
        if (withdrawn.isEmpty()) {
            return;
        }
        java.util.Set<Diagnostic> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        gone.addAll(withdrawn);
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic d : all) {
            if (!gone.contains(d)) {
                kept.add(d);
            }
        }
        all.clear();
        worst = ConfigError.OK;
        for (Diagnostic d : kept) {
            all.add(d);
            if (d.error() != ConfigError.MISSING_PARAMETER
                    && (worst == ConfigError.OK || worst.compareTo(d.error()) < 0)) {
                worst = d.error();
            }
        }
    }

    public boolean aborted() {
        return missingParameterAbort;
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(all);
    }

    /** The distinct rendered lines, in first-seen order. */
    public Set<String> distinctLines() {
        Set<String> lines = new LinkedHashSet<>();
        for (Diagnostic d : all) {
            lines.add(d.render());
        }
        return lines;
    }

    public ConfigError worst() {
        return worst;
    }

    /** keepalived 2.2.7's {@code -t} exit code: 0, 2, 4, 5 or 6 (139 where 2.2.7 itself crashes). */
    public int exitCode() {
        if (missingParameterAbort) {
            return EXIT_MISSING_PARAMETER;
        }
        if (exitOverride != null) {
            return exitOverride;
        }
        if (worst == ConfigError.OK) {
            return 0;
        }
        if (worst == ConfigError.SECURITY_ERROR) {
            return 6;
        }
        return worst.isExit4Class() ? 4 : 5;
    }
}
