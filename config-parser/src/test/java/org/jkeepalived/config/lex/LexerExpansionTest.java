package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditionals, definitions, substitution and generators. Expected values marked "2.2.7" were
 * observed by running keepalived 2.2.7 {@code -t} on the same input.
 */
class LexerExpansionTest {
    @TempDir
    Path dir;

    private Lexed lex(String text) {
        return Lexed.text(dir, text);
    }

    /** Only the first token of each line: what "Unknown keyword '…'" would show. */
    private static List<String> keywords(Lexed lexed) {
        return lexed.lines().stream().map(LogicalLine::keyword).toList();
    }

    @Test
    void conditionalLinesMatchTheConfigId() {
        Lexed lexed = lex("@main a 1\n@^main b 2\n@other c 3\n@^other   d 4\n@main\n@main\tinterface eth0\n");
        assertThat(lexed.texts()).containsExactly("a 1", "d 4", "interface eth0");
    }

    @Test
    void conditionalPrefixIsCheckedOnlyOnce() {
        assertThat(lex("@main @main x\n").texts()).containsExactly("@main x");
    }

    @Test
    void definitionsAreSubstituted() {
        Lexed lexed = lex("$PRIO=150\n$IFACE= eth0\npriority $PRIO\ninterface ${IFACE}\nx${PRIO}y $PRIO,$PRIO)\n");
        assertThat(lexed.texts()).containsExactly("priority 150", "interface eth0", "x150y 150,150)");
    }

    @Test
    void nameMustBeFollowedByABlankCommaParenOrEnd() {
        assertThat(lex("$A=1\n$AB $A_ $A. $A\n").texts()).containsExactly("$AB $A_ $A. 1");
    }

    @Test
    void undefinedNamesStay() {
        assertThat(lex("script \"/bin/sh -c 'echo $HOME ${X}'\"\n").texts())
                .containsExactly("script \"/bin/sh -c 'echo $HOME ${X}'\"");
    }

    @Test
    void blankBeforeEqualsIsNotADefinition() {
        assertThat(lex("$A =1\n").texts()).containsExactly("$A =1");
    }

    @Test
    void redefinitionReplacesAndEmptyValueIsAllowed() {
        assertThat(lex("$A=1\n$A=2\nx $A\n$E=\ny $E z\n").texts()).containsExactly("x 2", "y  z");
    }

    @Test
    void definitionsNestAndAreEvaluatedAtUse() {
        assertThat(lex("$A=$B\n$B=1\nx $A\n$B=2\ny $A\n").texts()).containsExactly("x 1", "y 2");
    }

    @Test
    void substitutedTextIsDecommentedAgain() {
        // 2.2.7: router_id a${_HASH}b → a
        assertThat(lex("router_id a${_HASH}b\nx \"a${_BANG}b\"\n").texts()).containsExactly("router_id a", "x \"a!b\"");
    }

    @Test
    void instanceAndPwdBuiltins() throws Exception {
        assertThat(lex("x ${_INSTANCE} ${_PWD}\n").texts()).containsExactly("x main " + dir.toRealPath());
    }

    @Test
    void randomBuiltinStaysInRange() {
        Lexed lexed = lex("~SEQ(i, 50) a ${_RANDOM}\n~SEQ(i, 50) b ${_RANDOM 5 7}\n~SEQ(i, 50) c ${_RANDOM 9}\n");
        assertThat(lexed.lines()).hasSize(150).allSatisfy(line -> {
            int value = Integer.parseInt(line.tokens().get(1));
            switch (line.keyword()) {
                case "a" -> assertThat(value).isBetween(0, 32767);
                case "b" -> assertThat(value).isBetween(5, 7);
                default -> assertThat(value).isBetween(9, 32767);
            }
        });
    }

    @Test
    void randomIsReproducibleOnceSeeded() {
        Lexed.write(dir.resolve("r.conf"), "~SEQ(i, 20) v ${_RANDOM}\n");
        List<String> first = seededRun();
        assertThat(seededRun()).isEqualTo(first);
    }

    private List<String> seededRun() {
        org.jkeepalived.config.Diagnostics diagnostics = new org.jkeepalived.config.Diagnostics();
        List<String> values = new java.util.ArrayList<>();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("r.conf"), new LexerOptions("id", false, dir), diagnostics)) {
            lexer.setRandomSeed(42);
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                values.add(line.text());
            }
        }
        return values;
    }

    @Test
    void parameterisedBuiltinInTheMiddleOfALineLeavesTheOldTail() {
        // 2.2.7: "X${_RANDOM 1 5}Y tail" became "X4Y_RANDOM 1 5}Y tail"
        Lexed lexed = lex("X${_RANDOM 4 4}Y tail\n");
        assertThat(lexed.texts()).containsExactly("X4Y_RANDOM 4 4", "}", "Y tail");
        assertThat(lexed.messages()).containsExactly("(Line 1) Extra '}' found", "(keepalived.conf: Line 1) Extra '}' found");
    }

    @Test
    void multiLineDefinitionExpandsToSeveralLines() {
        // probe_t1: $MULTI= \ / virtual_router_id 51 \ / advert_int 2
        Lexed lexed = lex("$MULTI= \\\n  virtual_router_id 51 \\\n  advert_int 2\nx\n$MULTI\ny\n");
        assertThat(lexed.texts()).containsExactly("x", "virtual_router_id 51", "advert_int 2", "y");
        assertThat(lexed.lines()).extracting(l -> l.location().line()).containsExactly(4, 5, 5, 6);
    }

    @Test
    void multiLineDefinitionEndsAtABlankLine() {
        assertThat(lex("$M=a\\\nb\\\n\nc\n$M\n").texts()).containsExactly("c", "a", "b");
    }

    @Test
    void multiLineDefinitionIsOnlyUsedAtTheEndOfALine() {
        // 2.2.7: "x $M" gave "x" then "b"; "x $M y" stayed as it was
        assertThat(lex("$M=a\\\nb\n\nx $M\nx $M y\n").texts()).containsExactly("x a", "b", "x $M y");
    }

    @Test
    void conditionalAfterSubstitution() {
        // works in keepalived only when the value is not longer than the reference it replaces
        assertThat(lex("$CONDITION=@main\n$CONDITION k\n$OTHERWISE=@other\n$OTHERWISE dropped\n"
                + "$NOT_OTHER=@^other\n$NOT_OTHER x\n").texts()).containsExactly("k", "x");
    }

    @Test
    void conditionalAfterLongerSubstitutionUsesTheStaleLength() {
        // 2.2.7: '$D bogusA "' with $D=@main gave 'bogusAbogusA "', and "$C kept" with $C=@main "keain kept"
        Lexed lexed = lex("$D=@main\n$D bogusA \"\n$C=@main\n$C kept\n");
        assertThat(lexed.texts()).containsExactly("bogusAbogusA \"", "keain kept");
        assertThat(lexed.messages()).contains("(Line 2) Unterminated quote '$D bogusA \"'",
                "(Line 2) Unterminated quote '@main bogusA \"'", "(Line 2) Unmatched quote: 'bogusAbogusA \"'");
    }

    @Test
    void conditionalAfterSubstitutionOneCharacterTooLongKeepsThePrefix() {
        // 2.2.7: "$C zz" with $C=@main stayed "@main zz" (the stale length is one short of the prefix)
        assertThat(lex("$C=@main\n$C zz\n$C\tb2\n").texts()).containsExactly("@main zz", "@main\tb2");
    }

    @Test
    void substitutionCanProduceADefinition() {
        assertThat(lex("$N=$Q=5\n$N\nx $Q\n").texts()).containsExactly("x 5");
    }

    @Test
    void selfReferenceIsReportedNotHung() {
        Lexed lexed = lex("$A=$A\nx $A\n");
        assertThat(lexed.texts()).containsExactly("x $A");
        assertThat(lexed.messages()).anyMatch(m -> m.contains("does not terminate"));
    }

    @Test
    void lineTooLongAfterSubstitutionStaysUnsubstituted() {
        // 2.2.7 substitutes while the line still fits in 1023 characters, then stops and only logs
        // "would exceed maximum line length" (nothing in -t output)
        String line = "W" + "$Y ".repeat(340);
        Lexed lexed = lex("$Y=abc\n" + line + "\n");
        assertThat(lexed.texts()).containsExactly("Wabc abc abc " + "$Y ".repeat(337).trim());
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void sequences() {
        // 2.2.7 output for these lines, in order
        Lexed lexed = lex("""
                ~SEQ(i, 1, 3) s$i
                ~SEQ(i, 3) ~SEQ(j, 2) n${i}_$j
                ~SEQx(i, 9, 3, 20) h$i
                ~SEQ(i, -2) m$i
                ~SEQ(i, 0) z$i
                ~SEQ(i 1 3) bad1
                ~SEQ(i, 0x10, 0x11) x$i
                ~LST(v, a, b, c) l$v
                ~LST({a,b}, {1,2}, {3}, 4) p${a}_$b
                """);
        assertThat(keywords(lexed)).containsExactly("s1", "s2", "s3",
                "n1_1", "n1_2", "n2_1", "n2_2", "n3_1", "n3_2",
                "h9", "hc", "hf", "h12", "m-1", "m-2", "z1", "z0", "bad1", "bad1", "bad1", "x16", "x17",
                "la", "lb", "lc", "p1_2", "p3_", "p4_");
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void sequenceErrors() {
        // 2.2.7 messages (parent form; children add the file name)
        Lexed lexed = lex("""
                ~SEQ(i, 1, 0, 3) bad2
                ~SEQx(i, -1, 3) bad3
                ~SEQ(i, 1, 2, 3, 4) bad4
                ~SEQ i, 1) bad5
                ~SEQ(i, 1 bad6
                ~LST({a,b}, {1,2}, {3}, {5,6,7}) bad7
                ~LST(v) bad8
                ~SEQ() bad9
                """);
        assertThat(lexed.lines()).isEmpty();
        assertThat(lexed.messages().stream().filter(m -> m.startsWith("(Line"))).containsExactly(
                "(Line 1) Invalid ~SEQ values '~SEQ(i, 1, 0, 3) bad2'",
                "(Line 1) Invalid ~SEQ specification '~SEQ(i, 1, 0, 3) bad2'",
                "(Line 2) ~SEQx is only valid for positive numbers '~SEQx(i, -1, 3) bad3'",
                "(Line 2) Invalid ~SEQ specification '~SEQx(i, -1, 3) bad3'",
                "(Line 3) Invalid ~SEQ definition '~SEQ(i, 1, 2, 3, 4) bad4'",
                "(Line 3) Invalid ~SEQ specification '~SEQ(i, 1, 2, 3, 4) bad4'",
                "(Line 4) Invalid ~SEQ specification '~SEQ i, 1) bad5'",
                "(Line 5) ~SEQ parameter strings too long '~SEQ(i, 1 bad6'",
                "(Line 5) Invalid ~SEQ specification '~SEQ(i, 1 bad6'",
                "(Line 6) ~LST specification has too many values '~LST({a,b}, {1,2}, {3}, {5,6,7}) bad7'",
                "(Line 6) Invalid ~LST specification '~LST({a,b}, {1,2}, {3}, {5,6,7}) bad7'",
                "(Line 7) Invalid ~LST specification '~LST(v) bad8'",
                "(Line 8) Invalid ~SEQ definition '~SEQ() bad9'",
                "(Line 8) Invalid ~SEQ specification '~SEQ() bad9'");
    }

    @Test
    void hugeSequenceIsRejected() {
        Lexed lexed = lex("~SEQ(i, 1, 9000000000000000000) x\nafter\n");
        assertThat(lexed.texts()).containsExactly("after");
        assertThat(lexed.messages()).anyMatch(m -> m.contains("~SEQ produces more than"));
    }

    @Test
    void sequenceWithMultiLineDefinition() {
        // 2.2.7: m1 m2 m3 twice
        Lexed lexed = lex("$M=m1 \\\n  m2 $i \\\n  m3\n~SEQ(i, 2) $M\n");
        assertThat(lexed.texts()).containsExactly("m1", "m2 1", "m3", "m1", "m2 2", "m3");
    }

    @Test
    void sequenceParametersMayBeDefinitions() {
        assertThat(keywords(lex("$N=3\n~SEQ(i, $N) v$i\n"))).containsExactly("v1", "v2", "v3");
    }

    @Test
    void sequenceTextWithBraces() {
        assertThat(lex("~SEQ(i, 2) a$i { b }\n").texts()).containsExactly("a1", "{", "b", "}", "a2", "{", "b", "}");
    }

    @Test
    void lineStartingWithTildeIsNotSubstituted() {
        assertThat(lex("$A=1\n~x $A\n").texts()).containsExactly("~x $A");
    }

    @Test
    void braceResidueGoesThroughDefinitionsAgain() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("keepalived.conf", "a { $X=5\nb $X }\n");
        assertThat(Lexed.files(dir, "main", files).texts()).containsExactly("a", "{", "b 5", "}");
    }
}
