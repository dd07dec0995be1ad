package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comments, braces, line numbers and the line reader's own diagnostics. */
class LexerBasicsTest {
    @TempDir
    Path dir;

    @Test
    void commentsAndBlankLinesProduceNothing() {
        Lexed lexed = Lexed.text(dir, "! comment\n# another\n\n   \n\t# indented\n");
        assertThat(lexed.lines()).isEmpty();
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void bracesSplitALineIntoLogicalLines() {
        Lexed lexed = Lexed.text(dir, "vrrp_instance VI_1 { virtual_ipaddress { 10.0.0.1 } }\n");
        assertThat(lexed.texts()).containsExactly("vrrp_instance VI_1", "{", "virtual_ipaddress", "{", "10.0.0.1", "}", "}");
        assertThat(lexed.lines()).allSatisfy(l -> assertThat(l.location()).isEqualTo(new SourceLocation("keepalived.conf", 1)));
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void closingAndOpeningOnOneLine() {
        Lexed lexed = Lexed.text(dir, "a {\n} vrrp_script S1 { script \"/bin/true\" }\n");
        assertThat(lexed.texts()).containsExactly("a", "{", "}", "vrrp_script S1", "{", "script \"/bin/true\"", "}");
        assertThat(lexed.tokenLines()).containsExactly("a", "{", "}", "vrrp_script|S1", "{", "script|/bin/true", "}");
    }

    @Test
    void bracesInsideDoubleQuotesDoNotSplit() {
        Lexed lexed = Lexed.text(dir, "script \"/bin/sh -c 'test {x}'\" {\n");
        assertThat(lexed.texts()).containsExactly("script \"/bin/sh -c 'test {x}'\"", "{");
    }

    @Test
    void braceGluedToAWordSplitsIt() {
        Lexed lexed = Lexed.text(dir, "global_defs{\n}x\n");
        assertThat(lexed.texts()).containsExactly("global_defs", "{", "}", "x");
    }

    @Test
    void lineNumbersCountEveryPhysicalLine() {
        Lexed lexed = Lexed.text(dir, "\n! c\na\n\n  b # x\n");
        assertThat(lexed.lines()).extracting(l -> l.location().line()).containsExactly(3, 5);
    }

    @Test
    void windowsLineEndsAreRemoved() {
        Lexed lexed = Lexed.text(dir, "a b\r\nc\r\n");
        assertThat(lexed.tokenLines()).containsExactly("a|b", "c");
    }

    @Test
    void trailingBackslashStaysInTheLastToken() {
        Lexed lexed = Lexed.text(dir, "router_id abc\\\nnext\n");
        assertThat(lexed.tokenLines()).containsExactly("router_id|abc\\", "next");
    }

    @Test
    void extraClosingBraceIsReportedByEveryPass() {
        // probe_m4: "(Line 8) Extra '}' found" from the parent, "(probe_m4.conf: Line 8) …" from the children
        Lexed lexed = Lexed.text(dir, "a {\n}\n}\n");
        assertThat(lexed.texts()).containsExactly("a", "{", "}", "}");
        assertThat(lexed.messages()).containsExactly("(Line 3) Extra '}' found", "(keepalived.conf: Line 3) Extra '}' found");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.UNEXPECTED_EOB);
    }

    @Test
    void missingClosingBracesAreReportedAtTheEndWithoutLocation() {
        // probe_m3: "There are 1 missing '}'s or extra '{'s"
        Lexed lexed = Lexed.text(dir, "a {\n b {\n }\n");
        assertThat(lexed.messages()).containsExactly("There are 1 missing '}'s or extra '{'s");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.MISSING_EOB);
    }

    @Test
    void extraBraceResetsTheDepth() {
        Lexed lexed = Lexed.text(dir, "}\n{\n");
        assertThat(lexed.messages()).containsExactly("(Line 1) Extra '}' found", "(keepalived.conf: Line 1) Extra '}' found",
                "There are 1 missing '}'s or extra '{'s");
    }

    @Test
    void unterminatedQuoteIsReported() {
        Lexed lexed = Lexed.text(dir, "a\nrouter_id \"abc # x\n");
        assertThat(lexed.messages()).containsExactly(
                "(Line 2) Unterminated quote 'router_id \"abc # x'",
                "(keepalived.conf: Line 2) Unterminated quote 'router_id \"abc # x'",
                "(Line 2) Unmatched quote: 'router_id \"abc # x'",
                "(keepalived.conf: Line 2) Unmatched quote: 'router_id \"abc # x'");
        assertThat(lexed.tokenLines()).containsExactly("a", "router_id");
    }

    @Test
    void lineWithOnlyAnUnmatchedQuoteIsNotReturned() {
        Lexed lexed = Lexed.text(dir, "\"abc\n");
        assertThat(lexed.lines()).isEmpty();
        assertThat(lexed.messages()).contains("(Line 1) Unmatched quote: '\"abc'");
    }

    @Test
    void blockDepthIsTracked() {
        Lexed lexed = Lexed.text(dir, "a {\n b {\n");
        assertThat(lexed.lines()).hasSize(4);
    }

    @Test
    void reportLocatesAtTheLastLineForEachPass() {
        Lexed.write(dir.resolve("keepalived.conf"), "a\ninclude sub/x.conf\nb\n");
        Lexed.write(dir.resolve("sub/x.conf"), "\ninner\n");
        org.jkeepalived.config.Diagnostics diagnostics = new org.jkeepalived.config.Diagnostics();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("keepalived.conf"), new LexerOptions("id", false, dir), diagnostics)) {
            assertThat(lexer.next().text()).isEqualTo("a");
            lexer.report(ConfigError.UNKNOWN_KEYWORD, "Unknown keyword 'a'", ReportedBy.ALL);
            assertThat(lexer.next().text()).isEqualTo("inner");
            lexer.report(ConfigError.UNKNOWN_KEYWORD, "Unknown keyword 'inner'", ReportedBy.ALL);
            lexer.report(ConfigError.WARNING, "child only", ReportedBy.CHILDREN);
            assertThat(lexer.next().text()).isEqualTo("b");
            lexer.report(ConfigError.GENERAL_ERROR, "parent only", ReportedBy.PARENT);
            assertThat(lexer.next()).isNull();
            assertThat(lexer.next()).isNull();
            assertThat(lexer.parentPassDiagnostics()).extracting(d -> d.render()).containsExactly(
                    "(Line 1) Unknown keyword 'a'", "(sub/x.conf: Line 2) Unknown keyword 'inner'", "(Line 3) parent only");
        }
        assertThat(diagnostics.all()).extracting(d -> d.render()).containsExactly(
                "(Line 1) Unknown keyword 'a'", "(keepalived.conf: Line 1) Unknown keyword 'a'",
                "(sub/x.conf: Line 2) Unknown keyword 'inner'",
                "(sub/x.conf: Line 2) child only",
                "(Line 3) parent only");
        assertThat(diagnostics.all().get(0).withFile()).isFalse();
        assertThat(diagnostics.all().get(1).withFile()).isTrue();
    }

    @Test
    void escapedCommentCharactersAreCommentsAgainForTheChildren() {
        // 2.2.7: "x\#y z" is 'x#y' for the parent and 'x' for the children
        Lexed lexed = Lexed.text(dir, "x\\#y z\nq\\!w \"a\\#b\"\n");
        assertThat(lexed.texts()).containsExactly("x", "q");
    }

    @Test
    void parentViewKeepsTheEscapedCharacters() {
        Lexed.write(dir.resolve("keepalived.conf"), "global_defs {\n router_id a\\#b\n}\nx\\#y\n");
        org.jkeepalived.config.Diagnostics diagnostics = new org.jkeepalived.config.Diagnostics();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("keepalived.conf"), new LexerOptions("id", false, dir), diagnostics)) {
            assertThat(lexer.next().text()).isEqualTo("global_defs");
            lexer.setParentView(true);
            assertThat(lexer.next().text()).isEqualTo("{");
            assertThat(lexer.next().tokens()).containsExactly("router_id", "a#b");
            lexer.setParentView(false);
            assertThat(lexer.next().text()).isEqualTo("}");
            assertThat(lexer.next().text()).isEqualTo("x");
        }
    }

    @Test
    void unterminatedQuoteOnlyInTheParentsView() {
        Lexed lexed = Lexed.text(dir, "a\\#\"b\n");
        assertThat(lexed.texts()).containsExactly("a");
        // 2.2.7 printed these two, from the parent only
        assertThat(lexed.messages()).containsExactly("(Line 1) Unterminated quote 'a#\"b'", "(Line 1) Unmatched quote: 'a#\"b'");
    }

    @Test
    void longLinesNulsAndAMissingLastNewlineAreCountedAsKeepalivedCountsThem() {
        // 2.2.7 on exactly this file: parent (Line 1) a1, (Line 1) L…, (Line 2) L…, (Line 3) a3,
        // (Line 3) x, (Line 4) a5, (Line 4) lastline; children (long.conf: Line 1) a1, (Line 1) L…,
        // (Line 3) L…, (Line 4) a3, (Line 5) x, (Line 6) a5, (Line 7) lastline
        String text = "a1\n" + "L".repeat(1500) + " tail\n" + "a3\n" + "x\u0000y junk\n" + "a5\n" + "lastline";
        Lexed.write(dir.resolve("long.conf"), text);
        Diagnostics diagnostics = new Diagnostics();
        java.util.List<String> seen = new java.util.ArrayList<>();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("long.conf"), new LexerOptions("id", false, dir), diagnostics)) {
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                String word = line.keyword().length() > 8 ? line.keyword().substring(0, 8) : line.keyword();
                seen.add(lexer.parentDiagnostic(ConfigError.OK, word).render() + " / " + line.location().line());
            }
        }
        assertThat(seen).containsExactly("(Line 1) a1 / 1", "(Line 1) LLLLLLLL / 1", "(Line 2) LLLLLLLL / 3",
                "(Line 3) a3 / 4", "(Line 3) x / 5", "(Line 4) a5 / 6", "(Line 4) lastline / 7");
    }

    @Test
    void firstLineWithoutNewlineHasNoParentLocation() {
        // 2.2.7 on a file holding only "}": "Extra '}' found" and "(nl.conf: Line 1) Extra '}' found"
        Lexed lexed = Lexed.files(dir, "id", java.util.Map.of("nl.conf", "}"));
        assertThat(lexed.messages()).containsExactly("Extra '}' found", "(nl.conf: Line 1) Extra '}' found");
    }

    @Test
    void selfReferencingMultiLineDefinitionStopsTheReading() {
        // keepalived 2.2.7 prints "(Line 3) Unknown keyword 'k9'" for ever and never reads "after"
        Lexed.write(dir.resolve("loop.conf"), "$M=alpha \\\nk9 $M\nb2 $M\nafter\n");
        for (LexerOptions.Pass pass : LexerOptions.Pass.values()) {
            Runaway run = lexRunaway("loop.conf", pass);
            assertThat(run.count).as(pass.name()).isGreaterThan(ConfigLexer.MAX_LINES_FROM_ONE_LINE / 2)
                    .isLessThanOrEqualTo(ConfigLexer.MAX_LINES_FROM_ONE_LINE + 1);
            assertThat(run.texts).as(pass.name()).doesNotContain("after").contains("b2 alpha", "k9 alpha");
            assertThat(run.messages).as(pass.name()).containsExactly("(loop.conf: Line 3) Line produces more than "
                    + ConfigLexer.MAX_LINES_FROM_ONE_LINE + " lines through ~SEQ, ~LST, braces or multi-line definitions"
                    + " (a definition probably refers to itself; keepalived loops here for ever)"
                    + " - ignoring the rest of the configuration");
        }
    }

    @Test
    void runawayInOnePieceOfALongLineStopsTheWholeReading() {
        // Found by LexerFuzzProperties.longLinesNeverEscape: a self-referencing use repeated in a
        // line longer than 1023 bytes made every 1023-byte piece loop up to the per-line bound,
        // 20 million lines in all; keepalived 2.2.7 loops for ever in the first piece.
        // 11 characters divide the 1023-byte pieces, so every piece ends with a multi-line use
        String use = "k9 abcd $M ";
        // (a one-character first value line: the 1023-byte piece has no room for a longer one)
        String text = "$M=a \\\nk9 $M\n" + use.repeat(3 * (PhysicalLineReader.MAXBUF - 1) / use.length())
                + "\nafter\n";
        Lexed.write(dir.resolve("longloop.conf"), text);
        Runaway run = lexRunaway("longloop.conf", LexerOptions.Pass.COMBINED);
        assertThat(run.count).isLessThan(ConfigLexer.MAX_LINES_FROM_ONE_LINE + 100);
        assertThat(run.texts).doesNotContain("after");
        assertThat(run.messages).singleElement().asString().startsWith("(longloop.conf: Line 3) Line produces more than");
    }

    private record Runaway(int count, java.util.Set<String> texts, List<String> messages) { }

    private Runaway lexRunaway(String file, LexerOptions.Pass pass) {
        Diagnostics diagnostics = new Diagnostics();
        int count = 0;
        java.util.Set<String> texts = new java.util.HashSet<>();
        try (ConfigLexer lexer = new ConfigLexer(Path.of(file), new LexerOptions("id", false, dir, pass), diagnostics)) {
            for (LogicalLine line = lexer.next(); line != null && count <= 3 * ConfigLexer.MAX_LINES_FROM_ONE_LINE;
                    line = lexer.next()) {
                count++;
                texts.add(line.text());
            }
        }
        return new Runaway(count, texts, diagnostics.all().stream().map(d -> d.render()).toList());
    }
}
