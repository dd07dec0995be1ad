package org.jkeepalived.daemon;

/**
 * keepalived's daemon exit codes ({@code lib/scheduler.h enum exit_code}); {@code -t} uses the
 * configuration-test codes computed by {@link org.jkeepalived.config.Diagnostics#exitCode()}.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FATAL = 1;
    public static final int CONFIG = 2;
    public static final int MISSING_PERMISSION = 4;
    public static final int NO_CONFIG = 6;
    public static final int PROGRAM_ERROR = 70;

    private ExitCodes() {
    }
}
