package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        for (String name : new String[] {"a.conf", "b.conf", "B.conf", "c.txt", ".hidden.conf", "d1/x.conf", "d2/x.conf",
                "d2/y.conf", "sp ace.conf", "br{ace}.conf"}) {
            Lexed.write(dir.resolve(name), "");
        }
        Files.createDirectories(dir.resolve("empty"));
    }

    private Glob glob(String pattern) {
        return Glob.expand(pattern, dir);
    }

    @Test
    void wildcardsMatchSortedInTheCLocale() {
        assertThat(glob("*.conf").matches).containsExactly("B.conf", "a.conf", "b.conf", "br{ace}.conf", "sp ace.conf");
        assertThat(glob("?.conf").matches).containsExactly("B.conf", "a.conf", "b.conf");
        assertThat(glob("[ab].conf").matches).containsExactly("a.conf", "b.conf");
        assertThat(glob("[!a-z].conf").matches).containsExactly("B.conf");
        assertThat(glob("[[:upper:]].conf").matches).containsExactly("B.conf");
    }

    @Test
    void leadingDotMustBeExplicit() {
        assertThat(glob(".*.conf").matches).containsExactly(".hidden.conf");
        assertThat(glob("*").matches).doesNotContain(".hidden.conf");
    }

    @Test
    void directoriesAreMarkedAndWildcardDirectoriesExpand() {
        assertThat(glob("d*").matches).containsExactly("d1/", "d2/");
        assertThat(glob("d*/x.conf").matches).containsExactly("d1/x.conf", "d2/x.conf");
        assertThat(glob("d2/*").matches).containsExactly("d2/x.conf", "d2/y.conf");
        assertThat(glob("empty").matches).containsExactly("empty/");
        assertThat(glob("d1/").matches).containsExactly("d1/");
    }

    @Test
    void braceAlternativesKeepTheirOrder() {
        Glob glob = glob("{b,a,zz}.conf");
        assertThat(glob.matches).containsExactly("b.conf", "a.conf");
        assertThat(glob.missingFiles).isEqualTo(1);
        assertThat(glob("d{2,1}/{y,x}.conf").matches).containsExactly("d2/y.conf", "d2/x.conf", "d1/x.conf");
        assertThat(glob("{d1,d2}/*.conf").matches).containsExactly("d1/x.conf", "d2/x.conf", "d2/y.conf");
    }

    @Test
    void unbalancedBraceIsLiteral() {
        assertThat(glob("{a.conf").matches).isEmpty();
        assertThat(Glob.hasBrace("x\\{y")).isFalse();
        assertThat(Glob.hasBrace("x{y")).isTrue();
    }

    @Test
    void backslashQuotes() {
        assertThat(glob("br\\{ace\\}.conf").matches).containsExactly("br\\{ace\\}.conf".replace("\\", ""));
        assertThat(glob("\\*.conf").matches).isEmpty();
    }

    @Test
    void countersTellMissingFilesFromMissingDirectoriesAndWildcards() {
        Glob literal = glob("nope.conf");
        assertThat(literal.matches).isEmpty();
        assertThat(literal.missingFiles).isEqualTo(1);
        assertThat(literal.haveWildcards).isFalse();

        Glob missingDir = glob("nodir/*.conf");
        assertThat(missingDir.missingDirectories).isEqualTo(1);
        assertThat(missingDir.haveWildcards).isTrue();

        Glob noMatch = glob("empty/*.conf");
        assertThat(noMatch.matches).isEmpty();
        assertThat(noMatch.missingDirectories + noMatch.missingFiles).isZero();
        assertThat(noMatch.haveWildcards).isTrue();
    }

    @Test
    void relativeAndAbsolutePatternsKeepTheirSpelling() {
        assertThat(glob("./a.conf").matches).containsExactly("./a.conf");
        assertThat(glob("d1//x.conf").matches).containsExactly("d1//x.conf");
        String absolute = dir.resolve("a.conf").toString();
        assertThat(glob(absolute).matches).containsExactly(absolute);
        assertThat(glob(dir + "/*.txt").matches).containsExactly(dir + "/c.txt");
    }

    @Test
    void blanksAreOrdinary() {
        assertThat(glob("sp ace.conf").matches).containsExactly("sp ace.conf");
    }

    @Test
    void fnmatchStarBacktracks() {
        assertThat(FnMatch.matches("a*b*c", "axxbyybzzc")).isTrue();
        assertThat(FnMatch.matches("a*b*c", "axxbyyzz")).isFalse();
        assertThat(FnMatch.matches("*", "")).isTrue();
        assertThat(FnMatch.matches("[]]", "]")).isTrue();
        assertThat(FnMatch.matches("[a-]", "-")).isTrue();
        assertThat(FnMatch.matches("[", "[")).isTrue();
        assertThat(FnMatch.matches("\\*", "*")).isTrue();
    }
}
