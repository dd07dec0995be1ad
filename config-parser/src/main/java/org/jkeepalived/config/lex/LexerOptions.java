package org.jkeepalived.config.lex;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command-line settings that change how keepalived reads its configuration.
 *
 * @param configId         keepalived's {@code -i/--config-id}: the id {@code @ID} lines are compared
 *                         with and {@code ${_INSTANCE}} expands to; null means keepalived's default,
 *                         the host name up to its first {@code .}
 * @param allConfig        keepalived's {@code -e/--all-config}: every include problem is an error
 *                         ({@code include_check} all)
 * @param workingDirectory the directory relative paths ({@code -f} and includes in it) start from;
 *                         null means the JVM's working directory
 */
public record LexerOptions(String configId, boolean allConfig, Path workingDirectory) {
    public LexerOptions {
        if (configId == null) {
            configId = defaultConfigId();
        }
        workingDirectory = (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath();
    }

    /** keepalived's defaults: host-name config id, plain include checking, current directory. */
    public static LexerOptions defaults() {
        return new LexerOptions(null, false, null);
    }

    /** The short host name, as keepalived derives its default config id from {@code uname()}. */
    static String defaultConfigId() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (Exception e) {
            // Not Linux or not readable: fall back to the resolver's idea of the local name.
        }
        if (name == null || name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                name = "";
            }
        }
        int dot = name.indexOf('.');
        return dot >= 0 ? name.substring(0, dot) : name;
    }

    /** For tests and tools: the same options with another config id. */
    public LexerOptions withConfigId(String id) {
        return new LexerOptions(id, allConfig, workingDirectory);
    }
}
