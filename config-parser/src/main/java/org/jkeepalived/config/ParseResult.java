package org.jkeepalived.config;

import org.jkeepalived.config.model.KeepalivedConfig;

/**
 * The outcome of one parse: the effective configuration (always present, possibly partial when
 * parsing stopped early) and the diagnostics with keepalived's {@code -t} exit code.
 */
public record ParseResult(KeepalivedConfig config, Diagnostics diagnostics) {

    /** keepalived 2.2.7's {@code -t} exit code: 0, 2, 4, 5 or 6. */
    public int exitCode() {
        return diagnostics.exitCode();
    }
}
