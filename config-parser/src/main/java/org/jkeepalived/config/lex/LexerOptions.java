package org.jkeepalived.config.lex;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command-line settings that change how keepalived reads its configuration, and which of
 * keepalived's parsing passes the lexer imitates.
 *
 * @param configId         keepalived's {@code -i/--config-id}: the id {@code @ID} lines are compared
 *                         with and {@code ${_INSTANCE}} expands to; null means keepalived's default,
 *                         the host name up to its first {@code .}
 * @param allConfig        keepalived's {@code -e/--all-config}: every include problem is an error
 *                         ({@code include_check} all)
 * @param workingDirectory the directory relative paths ({@code -f} and includes in it) start from;
 *                         null means the JVM's working directory
 * @param pass             which pass to imitate; null means {@link Pass#COMBINED}
 */
public record LexerOptions(String configId, boolean allConfig, Path workingDirectory, Pass pass) {

    /**
     * keepalived parses the configuration in several passes that see slightly different text
     * (its children read the parent's decommented copy): a lexer imitates one of them, or both at
     * once.
     */
    public enum Pass {
        /**
         * The parent: reads the files; its diagnostics only, in its location form. Its view of the
         * text is right for {@code global_defs}.
         */
        PARENT,
        /**
         * The checker/VRRP/BFD children: read the parent's copy; their diagnostics only, in their
         * location form. Their view of the text is right for everything but {@code global_defs}.
         */
        CHILDREN,
        /**
         * One pass standing for both: the children's text (the parent's with
         * {@link ConfigLexer#setParentView}), diagnostics in both forms. Exact except where the two
         * views of a physical line differ (escaped comment characters, a backslash before a
         * comment, blank or include lines inside a multi-line definition).
         */
        COMBINED
    }

    public LexerOptions {
        if (configId == null) {
            configId = defaultConfigId();
        }
        workingDirectory = (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath();
        if (pass == null) {
            pass = Pass.COMBINED;
        }
    }

    /** Options for the {@link Pass#COMBINED} pass. */
    public LexerOptions(String configId, boolean allConfig, Path workingDirectory) {
        this(configId, allConfig, workingDirectory, Pass.COMBINED);
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
        return new LexerOptions(id, allConfig, workingDirectory, pass);
    }

    /** The same options for another pass. */
    public LexerOptions withPass(Pass other) {
        return new LexerOptions(configId, allConfig, workingDirectory, other);
    }
}
