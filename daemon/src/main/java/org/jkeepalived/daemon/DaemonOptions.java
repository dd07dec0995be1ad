package org.jkeepalived.daemon;

import java.nio.file.Path;
import java.util.List;

/**
 * What the daemon needs from the command line, as an immutable value.
 *
 * @param configFile      {@code -f}
 * @param configId        {@code -i}, or null for the short host name
 * @param allConfig       {@code -e}
 * @param logConsole      {@code -l}
 * @param logDetail       {@code -D}
 * @param logFacility     {@code -S}, or null for daemon
 * @param noSyslog        {@code -G}
 * @param dontReleaseVrrp {@code -V}: keep VIPs and send no priority-0 advert at stop
 * @param pidFile         {@code -p}, or null for the default
 * @param vrrpPidFile     {@code -r}, or null for the default
 * @param dumpDirectory   where SIGUSR1/SIGUSR2 dumps go ({@code --dump-dir}, else $TMPDIR or /tmp)
 * @param umask           {@code -u}, or null (then global_defs umask, else 0177)
 * @param withoutEffect   flags given that jkeepalived accepts but does not act on
 * @param namespace       {@code -s/--namespace}: the network namespace to run in, or null
 */
record DaemonOptions(Path configFile, String configId, boolean allConfig, boolean logConsole, boolean logDetail,
                     String logFacility, boolean noSyslog, boolean dontReleaseVrrp, Path pidFile, Path vrrpPidFile,
                     Path dumpDirectory, String umask, List<String> withoutEffect, String namespace) {

    ConfigCheck configCheck() {
        return new ConfigCheck(configFile, configId, allConfig);
    }

    /** keepalived's dump directory rule: $TMPDIR when it is an absolute directory, else /tmp. */
    static Path defaultDumpDirectory() {
        String tmp = System.getenv("TMPDIR");
        if (tmp != null && tmp.startsWith("/") && java.nio.file.Files.isDirectory(Path.of(tmp))) {
            return Path.of(tmp);
        }
        return Path.of("/tmp");
    }
}
