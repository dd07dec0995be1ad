package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;

/**
 * Random and mutated configurations through the whole lexer: no exception may escape, every
 * logical line has tokens and a location, and every diagnostic has a location unless it is one of
 * the messages keepalived prints without one. Bounded in tries and time so CI stays fast.
 */
class LexerFuzzProperties {
    /** Messages keepalived always prints without a "(Line N)" prefix. */
    private static final Set<String> LOCATIONLESS_PREFIXES = Set.of(
            "There are ", "Config files missing", "Configuration file ", "Unable to ", "WARNING, multiple",
            // include problems are reported by the parent only, which gives no location while its
            // line counter is still 0 (the first line has no newline yet)
            "No config files matched", "Some config files missing");

    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("jk-lexfuzz");
        Lexed.write(dir.resolve("inc/a.conf"), "vrrp_script A {\n script \"/bin/true\"\n}\n");
        Lexed.write(dir.resolve("inc/b.conf"), "include a.conf\n$X=1\n");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.oneOf(
                Arbitraries.of("{", "}", "\"", "'", "#", "!", "\\", "$", "${", "$A", "${A}", "$A=", "$M=\\",
                        "~SEQ(", "~SEQx(", "~LST(", ")", ",", "i", "1", "-3", "0x10", "@main ", "@^main ", "@",
                        "include ", "includer ", "includea ", "inc/*.conf", "inc/{a,b}.conf", "main.conf", "nope",
                        "${_RANDOM 1 5}", "${_RANDOM}", "${_PWD}", "${_HASH}", "${_BANG}", "${_INSTANCE}",
                        " ", "\t", "\n", "\r\n", "vrrp_instance VI_1", "priority 100", "\u0000", "\u00e9"),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> configs() {
        return fragments().list().ofMaxSize(80).map(parts -> String.join("", parts));
    }

    @Property(tries = 500)
    void structuredNoiseNeverEscapes(@ForAll("configs") String text) {
        check(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 150)
    void randomBytesNeverEscape(@ForAll byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 100)
    void longLinesNeverEscape(@ForAll("configs") String text) {
        check((text.replace("\n", " ").repeat(60) + "\n" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void check(byte[] content) {
        try {
            Files.write(dir.resolve("main.conf"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> parentUnlocated = checkPass(LexerOptions.Pass.PARENT, Set.of());
        checkPass(LexerOptions.Pass.CHILDREN, Set.of());
        checkPass(LexerOptions.Pass.COMBINED, parentUnlocated);
    }

    /**
     * Lexes main.conf in one pass and checks the invariants.
     *
     * @param parentUnlocated the messages the PARENT pass printed without a location
     * @return the messages this pass printed without a location
     */
    private static Set<String> checkPass(LexerOptions.Pass pass, Set<String> parentUnlocated) {
        Diagnostics diagnostics = new Diagnostics();
        try (ConfigLexer lexer = new ConfigLexer(Path.of("main.conf"), new LexerOptions("main", false, dir, pass), diagnostics)) {
            int lines = 0;
            for (LogicalLine line = lexer.next(); line != null; line = lexer.next()) {
                assertThat(line.tokens()).isNotEmpty();
                assertThat(line.location()).isNotNull();
                assertThat(line.location().line()).isNotNegative();
                lines++;
                assertThat(lines).isLessThan(20_000_000);
            }
            assertThat(lexer.next()).isNull();
        }
        for (Diagnostic d : diagnostics.all()) {
            assertThat(d.message()).doesNotStartWith("Internal error");
            boolean knownLocationless = LOCATIONLESS_PREFIXES.stream().anyMatch(d.message()::startsWith);
            if (d.location() != null || knownLocationless || pass == LexerOptions.Pass.PARENT) {
                // keepalived's parent prints no location while its line counter is still 0
                continue;
            }
            assertThat(pass).as(d.message()).isEqualTo(LexerOptions.Pass.COMBINED);
            // Either the parent's own form, unlocated as the PARENT pass printed it (a line only
            // the parent reads as it is, e.g. '\#{{{"': keepalived's children see a comment), or
            // the children's form of the same message has a location.
            boolean parentForm = parentUnlocated.contains(d.message());
            assertThat(parentForm || diagnostics.all().stream()
                    .anyMatch(other -> other.location() != null && other.message().equals(d.message())))
                    .as("%s: neither the PARENT pass's unlocated form nor a located children's twin", d.message())
                    .isTrue();
        }
        Set<String> unlocated = new java.util.HashSet<>();
        diagnostics.all().stream().filter(d -> d.location() == null).forEach(d -> unlocated.add(d.message()));
        return unlocated;
    }
}
