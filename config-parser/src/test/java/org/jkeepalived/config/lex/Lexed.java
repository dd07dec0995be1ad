package org.jkeepalived.config.lex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeepalived.config.Diagnostics;

/** Test helper: everything one lexer run produced. */
record Lexed(List<LogicalLine> lines, Diagnostics diagnostics, boolean mainFileFound) {

    static Lexed run(Path mainFile, LexerOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        List<LogicalLine> lines = new ArrayList<>();
        try (ConfigLexer lexer = new ConfigLexer(mainFile, options, diagnostics)) {
            for (int i = 0; i < 5_000_000; i++) {
                LogicalLine line = lexer.next();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
            return new Lexed(lines, diagnostics, lexer.mainFileFound());
        }
    }

    /** Writes {@code files} (name → content) under {@code dir} and lexes the first one given. */
    static Lexed files(Path dir, String configId, Map<String, String> files) {
        String main = null;
        for (Map.Entry<String, String> file : files.entrySet()) {
            main = main == null ? file.getKey() : main;
            write(dir.resolve(file.getKey()), file.getValue());
        }
        return run(Path.of(main), new LexerOptions(configId, false, dir));
    }

    /** Lexes one file {@code keepalived.conf} with the given text, config id "main". */
    static Lexed text(Path dir, String text) {
        return files(dir, "main", Map.of("keepalived.conf", text));
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logical lines' texts. */
    List<String> texts() {
        return lines.stream().map(LogicalLine::text).toList();
    }

    /** The logical lines' tokens, each line joined with '|'. */
    List<String> tokenLines() {
        return lines.stream().map(l -> String.join("|", l.tokens())).toList();
    }

    /** The rendered diagnostics, in order. */
    List<String> messages() {
        return diagnostics.all().stream().map(d -> d.render()).toList();
    }
}
