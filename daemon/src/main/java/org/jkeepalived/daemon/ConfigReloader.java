package org.jkeepalived.daemon;

import java.io.IOException;

import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP: re-reads the configuration on the loop thread. A configuration keepalived could not use
 * (a keyword missing its parameter, a missing file) is rejected, the reason is logged and the
 * running one stays. An identical configuration changes nothing: no transition, no VIP removal,
 * counters kept. Otherwise {@link VrrpService#reload} applies keepalived's typed diff
 * ({@link org.jkeepalived.daemon.vrrp.ConfigDiff}): removals first, matched instances keep their
 * state, new ones start. Each SIGHUP is handled whole before the next, so a burst of them cannot
 * interleave (keepalived bug #208).
 */
final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final DaemonOptions options;
    private KeepalivedConfig running;
    private VrrpService service;

    ConfigReloader(DaemonOptions options) {
        this.options = options;
    }

    void started(KeepalivedConfig config, VrrpService vrrp) {
        this.running = config;
        this.service = vrrp;
    }

    /** Loop thread. */
    void reload() {
        if (running == null) {
            return;
        }
        LOG.info("Reloading");
        ParseResult parsed = options.configCheck().parse();
        int exit = parsed.exitCode();
        if (parsed.diagnostics().aborted() || exit == 2 || exit == 4) {
            for (Diagnostic d : parsed.diagnostics().all()) {
                LOG.error(d.render());
            }
            LOG.error("Reload of configuration failed (config test exit code {}) - keeping the running configuration", exit);
            return;
        }
        KeepalivedConfig next = parsed.config();
        for (Diagnostic d : parsed.diagnostics().all()) {
            LOG.warn(d.render());
        }
        Daemon.logInaccessibleNotifyScripts(parsed);
        if (next.equals(running)) {
            LOG.info("Configuration unchanged - instances keep their state");
            service.reloadedUnchanged();
            return;
        }
        try {
            service.reload(next, Daemon.scriptChecker(next.globalDefs()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Reload failed to apply the new configuration: {}", e.toString());
        }
        running = next;
    }
}
