package org.jkeepalived.config;

/**
 * The severity classes keepalived 2.2.7 records for a configuration problem, in keepalived's own
 * enum order ({@code config_err_t} in {@code lib/parser.h}).
 *
 * <p>keepalived keeps a single "worst" error, but compares by enum value and lets a <em>larger</em>
 * value overwrite a smaller one, so the last-highest in this order decides the {@code -t} exit
 * code: {@link #SECURITY_ERROR} always wins (exit 6); {@link #FILE_NOT_FOUND}, {@link #BAD_IF} and
 * {@link #FATAL} give exit 4 only when nothing later in this order was reported; everything else
 * gives exit 5. {@link Diagnostics#exitCode()} applies that rule.
 */
public enum ConfigError {
    /** Informational: printed, but does not change the exit code. */
    OK,
    FILE_NOT_FOUND,
    BAD_IF,
    FATAL,
    MULTIPLE_FILES,
    UNKNOWN_KEYWORD,
    UNEXPECTED_BOB,
    MISSING_BOB,
    UNEXPECTED_EOB,
    MISSING_EOB,
    UNMATCHED_QUOTE,
    MISSING_PARAMETER,
    INVALID_NUMBER,
    GENERAL_ERROR,
    WARNING,
    DEPRECATED,
    SECURITY_ERROR;

    /** True for the classes that make {@code -t} exit 4 when they are the last-highest error. */
    public boolean isExit4Class() {
        return this == FILE_NOT_FOUND || this == BAD_IF || this == FATAL;
    }
}
