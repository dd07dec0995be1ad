package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PARENT and CHILDREN passes. Each test reports every logical line as a root-level unknown
 * keyword (as keepalived does for a file of unknown words) and compares the distinct lines with
 * what keepalived 2.2.7 {@code -t} printed for the same file.
 */
class LexerPassTest {
    @TempDir
    Path dir;

    /** Both passes over {@code text}, the way keepalived runs them, as distinct rendered lines. */
    private Set<String> bothPasses(String text) {
        Lexed.write(dir.resolve("t.conf"), text);
        Diagnostics diagnostics = new Diagnostics();
        LexerOptions options = new LexerOptions("main", false, dir);
        for (LexerOptions.Pass pass : List.of(LexerOptions.Pass.PARENT, LexerOptions.Pass.CHILDREN)) {
            try (ConfigLexer lexer = new ConfigLexer(Path.of("t.conf"), options.withPass(pass), diagnostics)) {
                for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                    lexer.report(ConfigError.UNKNOWN_KEYWORD, line.isOpenBrace() ? "Unexpected '{' - ignoring"
                            : "Unknown keyword '" + line.keyword() + "'", ReportedBy.ALL);
                }
            }
        }
        Set<String> lines = new TreeSet<>();
        for (Diagnostic d : diagnostics.all()) {
            lines.add(d.render());
        }
        return lines;
    }

    @Test
    void escapedCommentCharacters() {
        // 2.2.7 on "x\#y z" / "q\!w "a\#b"": parent x#y and q!w, children x and q
        assertThat(bothPasses("x\\#y z\nq\\!w \"a\\#b\"\n")).containsExactly(
                "(Line 1) Unknown keyword 'x#y'", "(Line 2) Unknown keyword 'q!w'",
                "(t.conf: Line 1) Unknown keyword 'x'", "(t.conf: Line 2) Unknown keyword 'q'");
    }

    @Test
    void unterminatedQuoteSeenOnlyByTheParent() {
        // 2.2.7 on 'a\#"b'
        assertThat(bothPasses("a\\#\"b\n")).containsExactly(
                "(Line 1) Unknown keyword 'a#'", "(Line 1) Unmatched quote: 'a#\"b'",
                "(Line 1) Unterminated quote 'a#\"b'", "(t.conf: Line 1) Unknown keyword 'a'");
    }

    @Test
    void escapedHashBeforeBracesAndAQuoteSeenOnlyByTheParent() {
        // Found by LexerFuzzProperties.structuredNoiseNeverEscapes. 2.2.7 -t on '\#{{{"' without
        // a newline printed exactly these (the children read the comment '#{{{"' and print nothing)
        assertThat(bothPasses("\\#{{{\"")).containsExactly(
                "There are 3 missing '}'s or extra '{'s", "Unexpected '{' - ignoring", "Unknown keyword '#'",
                "Unmatched quote: '\"'", "Unterminated quote '#{{{\"'");
        // and with a newline, located
        assertThat(bothPasses("\\#{{{\"\n")).containsExactly(
                "(Line 1) Unexpected '{' - ignoring", "(Line 1) Unknown keyword '#'",
                "(Line 1) Unmatched quote: '\"'", "(Line 1) Unterminated quote '#{{{\"'",
                "There are 3 missing '}'s or extra '{'s");
    }

    @Test
    void combinedPassWordsTheParentsQuoteMessagesAsTheParentDoes() {
        // The COMBINED pass returns the children's (empty) text for this line but reports the
        // parent's messages, which keepalived's parent locates only once its line count is 1.
        for (String ending : List.of("", "\n")) {
            Lexed.write(dir.resolve("t.conf"), "\\#{{{\"" + ending);
            Lexed lexed = Lexed.run(Path.of("t.conf"), new LexerOptions("main", false, dir));
            String at = ending.isEmpty() ? "" : "(Line 1) ";
            assertThat(lexed.lines()).isEmpty();
            assertThat(lexed.messages()).as(ending).containsExactly(
                    at + "Unterminated quote '#{{{\"'", at + "Unmatched quote: '\"'");
        }
    }

    @Test
    void definitionAfterAnEscapedHashIsNotTokenizedForTheParent() {
        // 2.2.7 on '\#{{{$A="': the parent defines A as '"' after the braces (no Unmatched quote
        // message); the children read a comment. Found by LexerFuzzProperties.structuredNoiseNeverEscapes.
        assertThat(bothPasses("\\#{{{$A=\"\n")).containsExactly(
                "(Line 1) Unexpected '{' - ignoring", "(Line 1) Unknown keyword '#'",
                "(Line 1) Unterminated quote '#{{{$A=\"'", "There are 3 missing '}'s or extra '{'s");
        Lexed lexed = Lexed.run(Path.of("t.conf"), new LexerOptions("main", false, dir));
        assertThat(lexed.messages()).containsExactly("(Line 1) Unterminated quote '#{{{$A=\"'");
        // definitions come before brace splitting: '$A={"' defines A as '{"'
        assertThat(bothPasses("\\#{{$A={\"\n")).containsExactly(
                "(Line 1) Unexpected '{' - ignoring", "(Line 1) Unknown keyword '#'",
                "(Line 1) Unterminated quote '#{{$A={\"'", "There are 2 missing '}'s or extra '{'s");
        assertThat(Lexed.run(Path.of("t.conf"), new LexerOptions("main", false, dir)).messages())
                .containsExactly("(Line 1) Unterminated quote '#{{$A={\"'");
    }

    @Test
    void blankLineInsideAMultiLineDefinitionEndsItForTheChildrenOnly() {
        // 2.2.7: the parent appended line 3 to $M, the children read an empty copy line and did not
        assertThat(bothPasses("$M=x_y \\\n   \nk9 b2\nq\n")).containsExactly(
                "(Line 4) Unknown keyword 'q'",
                "(t.conf: Line 3) Unknown keyword 'k9'", "(t.conf: Line 4) Unknown keyword 'q'");
    }

    @Test
    void passesReportOnlyTheirOwnIncludeMessages() {
        Lexed.write(dir.resolve("inc/a.conf"), "incA\n");
        assertThat(bothPasses("include nonexist.conf\n@main include inc/a.conf\n@main include nonexist2.conf\n"))
                .containsExactly(
                        "(Line 1) Config files missing 'nonexist.conf'.",
                        "(Line 3) Config files missing 'nonexist2.conf'.",
                        "(inc/a.conf: Line 1) Unknown keyword 'incA'",
                        "(t.conf: Line 3) Config files missing 'nonexist2.conf'.");
    }

    @Test
    void theParentReadsAConditionalIncludeOnceTheChildrenTwice() {
        Lexed.write(dir.resolve("inc/a.conf"), "incA\n");
        Lexed.write(dir.resolve("t.conf"), "@main include inc/a.conf\n");
        LexerOptions options = new LexerOptions("main", false, dir);
        assertThat(keywords(options.withPass(LexerOptions.Pass.PARENT))).containsExactly("incA");
        assertThat(keywords(options.withPass(LexerOptions.Pass.CHILDREN))).containsExactly("incA", "incA");
    }

    private List<String> keywords(LexerOptions options) {
        List<String> words = new ArrayList<>();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("t.conf"), options, new Diagnostics())) {
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                words.add(line.keyword());
            }
        }
        return words;
    }

    @Test
    void parentPassLinesCarryTheParentsLineCount() {
        Lexed.write(dir.resolve("t.conf"), "L".repeat(1100) + "\nnext\n");
        List<Integer> lines = new ArrayList<>();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("t.conf"),
                new LexerOptions("main", false, dir, LexerOptions.Pass.PARENT), new Diagnostics())) {
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                lines.add(line.location().line());
            }
        }
        assertThat(lines).containsExactly(0, 1, 2);
    }

    @Test
    void configIdDefaultsToTheShortHostName() throws Exception {
        String host = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        String expected = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        assertThat(LexerOptions.defaults().configId()).isEqualTo(expected).doesNotContain(".");
        assertThat(LexerOptions.defaults().workingDirectory()).isAbsolute();
        assertThat(LexerOptions.defaults().withConfigId("x").configId()).isEqualTo("x");
    }

    @Test
    void combinedIsTheDefault() {
        assertThat(new LexerOptions("x", false, dir).pass()).isEqualTo(LexerOptions.Pass.COMBINED);
        assertThat(new LexerOptions("x", false, dir, null).pass()).isEqualTo(LexerOptions.Pass.COMBINED);
    }
}
