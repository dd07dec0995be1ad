package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jkeepalived.config.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexer over the conformance corpus ({@code shared/corpus/keepalived-samples}): the logical
 * lines of the lexical probes, and for every corpus file exactly the line-reader and include
 * diagnostics keepalived 2.2.7 printed ({@code expected-output}).
 */
class CorpusLexTest {
    /** The messages the line reader and include handling produce (the rest is the parser's). */
    private static final Pattern LEXER_MESSAGE = Pattern.compile(
            "Extra '\\}' found|There are \\d+ missing|Config files missing|Some config files missing"
                    + "|No config files matched|is a directory - skipping|not a regular non-executable"
                    + "|Unterminated quote|Unmatched quote|~SEQ|~LST|open problem|Unable to (read|find) configuration"
                    + "|multiple configuration file matches");

    static Path corpus() {
        String shared = System.getProperty("jkeepalived.shared");
        assertThat(shared).as("system property jkeepalived.shared (set by the parent POM)").isNotNull();
        Path corpus = Path.of(shared, "corpus", "keepalived-samples");
        assertThat(corpus.resolve("EXPECTED.tsv")).as("corpus at " + corpus).exists();
        return corpus;
    }

    private static Lexed lexCorpusFile(String relative, String configId) {
        Path file = corpus().resolve(relative);
        return Lexed.run(file.getFileName(), new LexerOptions(configId, false, file.getParent()));
    }

    @Test
    void probeT1LogicalLines() {
        Lexed lexed = lexCorpusFile("lexical-probes/probe_t1_lexical.conf", "main");
        assertThat(lexed.tokenLines()).containsExactly(
                "global_defs", "{", "router_id|my router", "notification_email", "{", "a@b.c|Name <x@y.z>", "}", "}",
                "vrrp_instance|VI_1", "{", "state|BACKUP", "interface|eth0", "priority|150",
                "virtual_router_id|51", "advert_int|2",
                "virtual_ipaddress", "{", "10.0.0.1/24|dev|eth0|label|eth0:1", "10.0.1.2", "10.0.1.3", "10.0.1.4",
                "10.0.0.9|brd|+|dev|eth1", "}",
                "notify|/bin/echo 'a b' c", "track_interface", "{", "eth1|weight|-10", "}",
                "nopreempt", "}", "vrrp_script|S1", "{", "script|/bin/true", "}");
        assertThat(lexed.lines().get(21).location()).isEqualTo(new SourceLocation("probe_t1_lexical.conf", 21));
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void probeT1WithAnotherConfigIdTakesTheOtherBranch() {
        Lexed lexed = lexCorpusFile("lexical-probes/probe_t1_lexical.conf", "other");
        assertThat(lexed.tokenLines()).contains("preempt_delay|2").doesNotContain("nopreempt");
    }

    @Test
    void probeT2LogicalLinesAndIncludeMessages() {
        Lexed lexed = lexCorpusFile("lexical-probes/probe_t2_include.conf", "main");
        assertThat(lexed.tokenLines()).containsExactly(
                "global_defs", "{", "router_id|abc\\", "notification_email_from|'x|y'@z", "smtp_helo_name|he",
                "smtp_server|1.2.3.4#x|25", "}",
                "vrrp_script|SA", "{", "script|/bin/true", "}",
                "vrrp_script|SB", "{", "script|/bin/true", "}",
                "vrrp_instance|VI_1", "{", "interface|eth0", "virtual_router_id|5", "authentication", "{",
                "auth_type|PASS", "auth_pass|ab", "}", "virtual_ipaddress", "{", "10.0.0.1", "}",
                "bogus_keyword|1|2", "track_script", "{", "SA", "SB|weight|10", "}", "}");
        assertThat(lexed.lines()).extracting(LogicalLine::location).contains(
                new SourceLocation("inc.d/a.conf", 2), new SourceLocation("inc.d/b.conf", 1),
                new SourceLocation("probe_t2_include.conf", 20));
        assertThat(lexed.messages()).containsExactly(
                "(Line 8) Config files missing 'nonexist/*.conf'.",
                "(Line 9) Config files missing 'nonexist2.conf'.");
        assertThat(lexed.diagnostics().all()).allMatch(d -> !d.withFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"high", "medium", "low"})
    void mkLotsProducesSixteenInstancesWithTheIdsPriority(String id) {
        Lexed lexed = lexCorpusFile("generated/mk_lots.conf", id);
        String priority = switch (id) {
            case "high" -> "170";
            case "medium" -> "127";
            default -> "85";
        };
        assertThat(lexed.lines().stream().filter(l -> l.keyword().equals("vrrp_instance"))).hasSize(16);
        assertThat(lexed.lines().stream().filter(l -> l.keyword().equals("priority")))
                .hasSize(16).allMatch(l -> l.tokens().equals(List.of("priority", priority)));
        assertThat(lexed.tokenLines()).containsOnlyOnce("net_namespace|" + id);
        assertThat(lexed.messages()).isEmpty();
    }

    @Test
    void mkLotsWithAnUnknownIdHasNoPriorities() {
        Lexed lexed = lexCorpusFile("generated/mk_lots.conf", "elsewhere");
        assertThat(lexed.lines().stream().filter(l -> l.keyword().equals("vrrp_instance"))).hasSize(16);
        assertThat(lexed.lines()).noneMatch(l -> l.keyword().equals("priority") || l.keyword().equals("net_namespace"));
    }

    static Stream<Arguments> corpusRuns() throws IOException {
        List<Arguments> runs = new ArrayList<>();
        for (String row : Files.readAllLines(corpus().resolve("EXPECTED.tsv")).subList(1, countLines("EXPECTED.tsv"))) {
            String file = row.split("\t")[0];
            runs.add(Arguments.of(file, "no-such-config-id", "ifaces/" + file.replace('/', '_') + ".out"));
        }
        for (String row : Files.readAllLines(corpus().resolve("EXPECTED-config-id.tsv")).subList(1, countLines("EXPECTED-config-id.tsv"))) {
            String[] cells = row.split("\t");
            runs.add(Arguments.of(cells[0], cells[1], "config-id/" + cells[0].replace('/', '_') + "." + cells[1] + ".out"));
        }
        return runs.stream();
    }

    private static int countLines(String name) throws IOException {
        return Files.readAllLines(corpus().resolve(name)).size();
    }

    @ParameterizedTest(name = "{0} -i {1}")
    @MethodSource("corpusRuns")
    void lexerDiagnosticsEqualKeepalived(String file, String configId, String expectedOutput) throws IOException {
        Lexed lexed = lexCorpusFile(file, configId);
        assertLexerMessages(lexed.diagnostics().all(), expectedOutput);
    }

    @ParameterizedTest(name = "{0} -i {1}")
    @MethodSource("corpusRuns")
    void parentAndChildrenPassesGiveTheSameMessages(String file, String configId, String expectedOutput) throws IOException {
        Path path = corpus().resolve(file);
        LexerOptions options = new LexerOptions(configId, false, path.getParent());
        org.jkeepalived.config.Diagnostics diagnostics = new org.jkeepalived.config.Diagnostics();
        for (LexerOptions.Pass pass : List.of(LexerOptions.Pass.PARENT, LexerOptions.Pass.CHILDREN)) {
            try (ConfigLexer lexer = new ConfigLexer(path.getFileName(), options.withPass(pass), diagnostics)) {
                while (lexer.next() != null) {
                    continue;
                }
            }
        }
        assertLexerMessages(diagnostics.all(), expectedOutput);
    }

    private static void assertLexerMessages(List<Diagnostic> diagnostics, String expectedOutput) throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        for (String line : Files.readAllLines(corpus().resolve("expected-output").resolve(expectedOutput))) {
            if (LEXER_MESSAGE.matcher(line).find()) {
                expected.add(line);
            }
        }
        Set<String> actual = new LinkedHashSet<>();
        for (Diagnostic d : diagnostics) {
            actual.add(d.render());
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }
}
