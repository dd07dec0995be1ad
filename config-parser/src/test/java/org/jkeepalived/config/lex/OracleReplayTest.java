package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the configurations in {@code src/test/resources/lex/oracle} (see its README) through the
 * PARENT and then the CHILDREN pass, reporting every logical line as keepalived reports an unknown
 * root-level word, and requires exactly keepalived 2.2.7's distinct output lines and exit code.
 */
class OracleReplayTest {

    static Path oracleDirectory() throws URISyntaxException {
        return Path.of(OracleReplayTest.class.getResource("/lex/oracle/README.md").toURI()).getParent();
    }

    static Stream<String> configs() {
        return IntStream.range(0, 30).mapToObj(i -> "t" + i + ".conf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void bothPassesPrintWhatKeepalivedPrinted(String file) throws Exception {
        Path dir = oracleDirectory();
        List<String> expected = Files.readAllLines(dir.resolve(file + ".expected"), StandardCharsets.UTF_8);
        Diagnostics diagnostics = new Diagnostics();
        LexerOptions options = new LexerOptions("main", false, dir);
        boolean stopped = run(file, options.withPass(LexerOptions.Pass.PARENT), diagnostics);
        if (!stopped) {
            run(file, options.withPass(LexerOptions.Pass.CHILDREN), diagnostics);
        }
        Set<String> actual = new TreeSet<>();
        for (Diagnostic d : diagnostics.all()) {
            actual.add(d.render());
        }
        int exit = stopped ? 6 : diagnostics.exitCode();
        assertThat("=== " + file + " exit " + exit).isEqualTo(expected.get(0));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(new TreeSet<>(expected.subList(1, expected.size())));
    }

    /** One pass; true when keepalived would stop after it (an include error under the checks). */
    private static boolean run(String file, LexerOptions options, Diagnostics diagnostics) throws IOException {
        try (ConfigLexer lexer = new ConfigLexer(Path.of(file), options, diagnostics)) {
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                lexer.report(ConfigError.UNKNOWN_KEYWORD, line.isOpenBrace() ? "Unexpected '{' - ignoring"
                        : "Unknown keyword '" + line.keyword() + "'", ReportedBy.ALL);
            }
            return lexer.hadConfigFileError();
        }
    }
}
