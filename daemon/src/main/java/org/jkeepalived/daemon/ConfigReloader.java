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
 * (a keyword missing its parameter, a missing file) is rejected and the running one stays. An
 * unchanged configuration changes nothing: no transition, no VIP removal, counters kept.
 * A changed one restarts the VRRP instances with the new configuration (a full restart, not yet
 * keepalived's per-instance diff).
 */
final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final DaemonOptions options;
    private KeepalivedConfig running;
    private VrrpService service;
    private long reloads;
    private long rejected;

    ConfigReloader(DaemonOptions options) {
        this.options = options;
    }

    void started(KeepalivedConfig config, VrrpService vrrp) {
        this.running = config;
        this.service = vrrp;
    }

    long reloads() {
        return reloads;
    }

    long rejected() {
        return rejected;
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
            rejected++;
            for (Diagnostic d : parsed.diagnostics().all()) {
                LOG.error(d.render());
            }
            LOG.error("Reload of configuration failed (config test exit code {}) - keeping the running configuration", exit);
            return;
        }
        reloads++;
        KeepalivedConfig next = parsed.config();
        if (next.vrrpInstances().equals(running.vrrpInstances()) && next.syncGroups().equals(running.syncGroups())
                && next.globalDefs().equals(running.globalDefs()) && next.vrrpScripts().equals(running.vrrpScripts())) {
            LOG.info("Configuration unchanged - instances keep their state");
            return;
        }
        try {
            service.restart(next, Daemon.scriptChecker(next.globalDefs()));
        } catch (IOException e) {
            LOG.error("Reload failed to start the new configuration: {}", e.getMessage());
        }
        running = next;
    }
}
