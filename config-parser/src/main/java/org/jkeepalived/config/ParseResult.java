package org.jkeepalived.config;

import java.util.List;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.NotifyScript;

/**
 * The outcome of one parse: the effective configuration (always present, possibly partial when
 * parsing stopped early) and the diagnostics with keepalived's {@code -t} exit code. The notify
 * scripts that cannot be found or accessed are dropped from the configuration without a
 * diagnostic (keepalived's {@code -t} prints nothing for them) and listed in
 * {@code inaccessibleNotifyScripts}, for the daemon to log as keepalived's VRRP process does.
 */
public record ParseResult(KeepalivedConfig config, Diagnostics diagnostics,
                          List<NotifyScript> inaccessibleNotifyScripts) {

    public ParseResult {
        inaccessibleNotifyScripts = List.copyOf(inaccessibleNotifyScripts);
    }

    /** A result without inaccessible notify scripts. */
    public ParseResult(KeepalivedConfig config, Diagnostics diagnostics) {
        this(config, diagnostics, List.of());
    }

    /** keepalived 2.2.7's {@code -t} exit code: 0, 2, 4, 5 or 6. */
    public int exitCode() {
        return diagnostics.exitCode();
    }
}
