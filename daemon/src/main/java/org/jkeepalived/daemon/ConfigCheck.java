package org.jkeepalived.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jkeepalived.config.ConfigDumper;
import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ParseResult;

/**
 * {@code -t/--config-test} and {@code -d/--dump-conf}: parse the configuration as the daemon
 * would, in the current network namespace, and report keepalived's diagnostics and exit code.
 */
final class ConfigCheck {
    private final Path configFile;
    private final String configId;
    private final boolean allConfig;

    ConfigCheck(Path configFile, String configId, boolean allConfig) {
        this.configFile = configFile;
        this.configId = configId;
        this.allConfig = allConfig;
    }

    ParseResult parse() {
        ParseOptions options = ParseOptions.forHost();
        if (configId != null) {
            options = options.withConfigId(configId);
        }
        if (allConfig) {
            options = options.withAllConfig(true);
        }
        return ConfigParser.parse(configFile, options);
    }

    /**
     * {@code -t[LOG_FILE]}: diagnostics to stderr (or LOG_FILE), then the effective configuration
     * when a dump was asked for; returns keepalived 2.2.7's exit code (0, 2, 4, 5 or 6).
     */
    int runConfigTest(Path logFile, ConfigDumpFormat dump, PrintWriter out, PrintWriter err) {
        ParseResult result = parse();
        StringBuilder text = new StringBuilder();
        for (Diagnostic d : result.diagnostics().all()) {
            text.append(d.render()).append('\n');
        }
        if (logFile != null) {
            try {
                Files.writeString(logFile, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("Unable to open config-test log file " + logFile + ": " + e.getMessage());
                err.print(text);
            }
        } else {
            err.print(text);
        }
        err.flush();
        if (dump != null) {
            printDump(result, dump, out);
        }
        return result.diagnostics().exitCode();
    }

    /** {@code --dump-conf} without {@code -t}: the effective configuration; diagnostics to stderr. */
    int dumpOnly(ConfigDumpFormat dump, PrintWriter out, PrintWriter err) {
        ParseResult result = parse();
        for (Diagnostic d : result.diagnostics().all()) {
            err.println(d.render());
        }
        err.flush();
        printDump(result, dump, out);
        return result.diagnostics().aborted() ? ExitCodes.CONFIG : ExitCodes.OK;
    }

    private static void printDump(ParseResult result, ConfigDumpFormat dump, PrintWriter out) {
        out.print(dump == ConfigDumpFormat.JSON ? ConfigDumper.json(result.config()) : ConfigDumper.text(result.config()));
        out.flush();
    }
}
