package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include, includer/m/w/b/a, include_check and -e. Expected messages marked "2.2.7" were observed
 * with keepalived 2.2.7 {@code -t} on the same tree.
 */
class LexerIncludeTest {
    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        Lexed.write(dir.resolve("inc/a.conf"), "incA\n");
        Lexed.write(dir.resolve("inc/b.conf"), "incB\n");
        Files.createDirectories(dir.resolve("inc/sub.conf"));
        Lexed.write(dir.resolve("inc/x.conf"), "incX\n");
        Files.setPosixFilePermissions(dir.resolve("inc/x.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Lexed lex(String main) {
        Lexed.write(dir.resolve("keepalived.conf"), main);
        return Lexed.run(Path.of("keepalived.conf"), new LexerOptions("main", false, dir));
    }

    private static List<String> parentMessages(Lexed lexed) {
        return lexed.diagnostics().all().stream().map(Diagnostic::render).toList();
    }

    @Test
    void globIncludesSortedMatchesAndSkipsDirectoriesAndExecutables() {
        Lexed lexed = lex("top1\ninclude inc/*.conf\ntop2\n");
        assertThat(lexed.texts()).containsExactly("top1", "incA", "incB", "top2");
        assertThat(lexed.lines()).extracting(LogicalLine::location).containsExactly(
                new SourceLocation("keepalived.conf", 1), new SourceLocation("inc/a.conf", 1),
                new SourceLocation("inc/b.conf", 1), new SourceLocation("keepalived.conf", 3));
        // 2.2.7 names the previous file of the glob in these messages
        assertThat(parentMessages(lexed)).containsExactly(
                "(inc/b.conf: Line 1) Configuration file 'inc/sub.conf/' is a directory - skipping",
                "(inc/b.conf: Line 1) Configuration file 'inc/x.conf' is not a regular non-executable file - skipping");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.OK);
    }

    @Test
    void dotEntriesMatchADotPattern() {
        Lexed lexed = lex("x\ninclude inc/.*\n");
        assertThat(parentMessages(lexed)).containsExactly(
                "(Line 2) Configuration file 'inc/../' is a directory - skipping",
                "(Line 2) Configuration file 'inc/./' is a directory - skipping");
    }

    @Test
    void braceAlternatives() {
        Lexed lexed = lex("x\ninclude inc/{b,a}.conf\ninclude inc/{a,zz}.conf\ninclude inc/{q,zz}.conf\n");
        assertThat(lexed.texts()).containsExactly("x", "incB", "incA", "incA");
        assertThat(parentMessages(lexed)).containsExactly(
                "(Line 3) Some config files missing: \"inc/{a,zz}.conf\".",
                "(Line 4) Config files missing 'inc/{q,zz}.conf'.");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.OK);
    }

    @Test
    void strictBraceMatchRefusesTheWholeInclude() {
        Lexed lexed = lex("x\nincludeb inc/{b,zz}.conf\n");
        assertThat(lexed.texts()).containsExactly("x");
        assertThat(parentMessages(lexed)).containsExactly("(Line 2) Some config files missing: \"inc/{b,zz}.conf\".");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.FILE_NOT_FOUND);
    }

    @Test
    void missingFilesAreOnlyInformationalForPlainInclude() {
        // probe_t2: (Line 8) Config files missing 'nonexist/*.conf'. and (Line 9) … 'nonexist2.conf'.
        Lexed lexed = lex("x\ninclude nonexist/*.conf\nincluder nonexist2.conf\ninclude inc/*.none\n");
        assertThat(parentMessages(lexed)).containsExactly(
                "(Line 2) Config files missing 'nonexist/*.conf'.",
                "(Line 3) Config files missing 'nonexist2.conf'.");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.OK);
        assertThat(lexed.diagnostics().exitCode()).isZero();
    }

    @Test
    void wildcardMatchStrictness() {
        Lexed lexed = lex("x\nincludew inc/*.none\nincludem nonexist.conf\n");
        assertThat(parentMessages(lexed)).containsExactly(
                "(Line 2) No config files matched 'inc/*.none'.",
                "(Line 3) Config files missing 'nonexist.conf'.");
        assertThat(lexed.diagnostics().all()).allMatch(d -> d.error() == ConfigError.FILE_NOT_FOUND);
    }

    @Test
    void allConfigMakesEveryIncludeProblemAnError() {
        Lexed.write(dir.resolve("keepalived.conf"), "x\ninclude nonexist.conf\n");
        Diagnostics diagnostics = new Diagnostics();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("keepalived.conf"), new LexerOptions("main", true, dir), diagnostics)) {
            while (lexer.next() != null) {
                continue;
            }
            assertThat(lexer.hadConfigFileError()).isTrue();
        }
        assertThat(diagnostics.all()).extracting(Diagnostic::render).containsExactly("(Line 2) Config files missing 'nonexist.conf'.");
        assertThat(diagnostics.worst()).isEqualTo(ConfigError.FILE_NOT_FOUND);
    }

    @Test
    void includeCheckFromTheParserAppliesToLaterIncludesAndIsRestoredAtEndOfFile() {
        Lexed.write(dir.resolve("keepalived.conf"), "x\ninclude inc/strict.conf\ninclude nonexist1.conf\n");
        Lexed.write(dir.resolve("inc/strict.conf"), "set\ninclude nonexist2.conf\n");
        Diagnostics diagnostics = new Diagnostics();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("keepalived.conf"), new LexerOptions("main", false, dir), diagnostics)) {
            assertThat(lexer.next().text()).isEqualTo("x");
            assertThat(lexer.next().text()).isEqualTo("set");
            lexer.setIncludeCheck(lexer.includeCheck().applyKeyword(List.of("include_check", "match"), m -> { }));
            assertThat(lexer.next()).isNull();
            assertThat(lexer.includeCheck()).isEqualTo(IncludeCheck.NONE);
        }
        assertThat(diagnostics.all()).extracting(d -> d.render() + " " + d.error()).containsExactly(
                "(inc/strict.conf: Line 2) Config files missing 'nonexist2.conf'. FILE_NOT_FOUND",
                "(Line 3) Config files missing 'nonexist1.conf'. OK");
    }

    @Test
    void includesAreRelativeToTheIncludingFile() {
        Lexed.write(dir.resolve("inc/deep/d.conf"), "deep ${_PWD}\ninclude ../a.conf\n");
        Lexed lexed = lex("include inc/deep/d.conf\ntop\n");
        assertThat(lexed.texts()).containsExactly("deep " + dir.resolve("inc/deep").toAbsolutePath(), "incA", "top");
        assertThat(lexed.lines().get(1).location()).isEqualTo(new SourceLocation("../a.conf", 1));
    }

    @Test
    void conditionalSubstitutedAndResidueIncludesAreReadTwiceAsTheChildrenDo() {
        // 2.2.7: the children saw incA, incB and the residue's incA twice each
        Lexed lexed = lex("a {\n@main include inc/a.conf\n$X=include inc/b.conf\n$X\n} include inc/a.conf\n@other include inc/b.conf\n");
        assertThat(lexed.texts()).containsExactly("a", "{", "incA", "incA", "incB", "incB", "}", "incA", "incA");
    }

    @Test
    void literalIncludeLinesAreReadOnce() {
        Lexed.write(dir.resolve("inc/c.conf"), "@main include a.conf\ninclude b.conf\n");
        Lexed lexed = lex("include inc/c.conf\n");
        assertThat(lexed.texts()).containsExactly("incA", "incA", "incB");
    }

    @Test
    void aConditionallyIncludedInstanceIsSeenTwiceByTheChildren() {
        // 2.2.7: "(dup/vi.conf: Line 1) vrrp instance VI_1 already defined"
        Lexed.write(dir.resolve("dup/vi.conf"), "vrrp_instance VI_1 {\n interface lo\n}\n");
        Lexed lexed = lex("global_defs {\n router_id x\n}\n@main include dup/vi.conf\n");
        assertThat(lexed.lines().stream().filter(l -> l.keyword().equals("vrrp_instance")))
                .extracting(LogicalLine::location)
                .containsExactly(new SourceLocation("dup/vi.conf", 1), new SourceLocation("dup/vi.conf", 1));
    }

    @Test
    void conditionalIncludeProblemsAreAlsoReportedByTheChildren() {
        // 2.2.7 printed both forms of both messages
        Lexed lexed = lex("a\n@main include nonexist.conf\n@main include inc\n");
        assertThat(parentMessages(lexed)).containsExactlyInAnyOrder(
                "(Line 2) Config files missing 'nonexist.conf'.",
                "(keepalived.conf: Line 2) Config files missing 'nonexist.conf'.",
                "(Line 3) Configuration file 'inc/' is a directory - skipping",
                "(keepalived.conf: Line 3) Configuration file 'inc/' is a directory - skipping");
    }

    @Test
    void includeKeywordNeedsABlank() {
        Lexed lexed = lex("include\nincludex y\ninclude_check\n");
        assertThat(lexed.texts()).containsExactly("include", "includex y", "include_check");
    }

    @Test
    void includeLoopIsBoundedAndReported() {
        Lexed lexed = lex("x\ninclude keepalived.conf\n");
        assertThat(lexed.texts()).hasSize(IncludeStack.MAX_DEPTH).allMatch("x"::equals);
        assertThat(parentMessages(lexed)).hasSize(1).first().asString()
                .contains("Configuration file 'keepalived.conf' open problem (includes nested more than");
    }

    @Test
    void branchingIncludeLoopStopsAfterTheFileBudget() {
        Lexed lexed = lex("include keepalived.conf\ninclude keepalived.conf\n");
        assertThat(lexed.lines()).isEmpty();
        assertThat(parentMessages(lexed)).anyMatch(m -> m.contains("files opened"));
    }

    @Test
    void missingMainFile() {
        Lexed lexed = Lexed.run(Path.of("nope.conf"), new LexerOptions("main", false, dir));
        assertThat(lexed.mainFileFound()).isFalse();
        assertThat(lexed.lines()).isEmpty();
        assertThat(parentMessages(lexed)).containsExactly("Config files missing 'nope.conf'.");
        assertThat(lexed.diagnostics().exitCode()).isZero();
    }

    @Test
    void mainFileThatIsADirectory() {
        Lexed lexed = Lexed.run(Path.of("inc"), new LexerOptions("main", false, dir));
        assertThat(lexed.mainFileFound()).isFalse();
        assertThat(parentMessages(lexed)).containsExactly("Configuration file 'inc/' is a directory - skipping");
    }

    @Test
    void mainGlobWithSeveralMatchesNamesEveryFile() {
        Lexed lexed = Lexed.run(Path.of("inc/[ab].conf"), new LexerOptions("main", false, dir));
        assertThat(lexed.texts()).containsExactly("incA", "incB");
        assertThat(parentMessages(lexed)).containsExactly(
                "WARNING, multiple configuration file matches of inc/[ab].conf, starting with inc/a.conf");
        assertThat(lexed.diagnostics().worst()).isEqualTo(ConfigError.MULTIPLE_FILES);
    }

    @Test
    void absoluteMainFile() {
        Lexed lexed = Lexed.run(dir.resolve("inc/a.conf"), new LexerOptions("main", false, Path.of("/")));
        assertThat(lexed.lines()).extracting(LogicalLine::location)
                .containsExactly(new SourceLocation(dir.resolve("inc/a.conf").toString(), 1));
    }
}
