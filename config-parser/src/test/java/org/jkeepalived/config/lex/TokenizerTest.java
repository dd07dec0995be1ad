package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void blanksSeparateWords() {
        assertThat(Tokenizer.split("  a\tb \f c\u000bd  ")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void quotedWordKeepsBlanksAndLosesQuotes() {
        assertThat(Tokenizer.split("router_id \"my router\"  x")).containsExactly("router_id", "my router", "x");
    }

    @Test
    void unquotedWordStopsAtQuote() {
        assertThat(Tokenizer.split("x\"y z\"w")).containsExactly("x", "y z", "w");
    }

    @Test
    void singleQuotesAreOrdinaryCharacters() {
        assertThat(Tokenizer.split("notification_email_from 'x y'@z"))
                .containsExactly("notification_email_from", "'x", "y'@z");
    }

    @Test
    void emptyQuotedWordIsAWord() {
        assertThat(Tokenizer.split("a \"\" b")).containsExactly("a", "", "b");
    }

    @Test
    void unmatchedQuoteDropsTheRestAndIsReported() {
        List<String> errors = new ArrayList<>();
        assertThat(Tokenizer.split("a b \"c d", errors::add)).containsExactly("a", "b");
        assertThat(errors).containsExactly("Unmatched quote: 'a b \"c d'");
    }

    @Test
    void blankLineHasNoWords() {
        assertThat(Tokenizer.split(" \t ")).isEmpty();
        assertThat(Tokenizer.split(null)).isEmpty();
    }

    @Test
    void scriptLineSplitsCommandAsOneWord() {
        // keepalived 2.2.7: notify "/bin/echo 'a b' c" → command string, then argv /bin/echo, "a b", c
        List<String> words = Tokenizer.splitQuoted("notify \"/bin/echo 'a b' c\"");
        assertThat(words).containsExactly("notify", "/bin/echo 'a b' c");
        assertThat(Tokenizer.splitQuotedEscaped(words.get(1))).containsExactly("/bin/echo", "a b", "c");
    }

    @Test
    void scriptLineWithUserAndGroup() {
        assertThat(Tokenizer.splitQuoted("script \"/usr/bin/check -x\" nobody nogroup"))
                .containsExactly("script", "/usr/bin/check -x", "nobody", "nogroup");
    }

    @Test
    void scriptLineDecodesEscapesAlreadyIn227() {
        // 2.2.7 splits the whole line with the escaping splitter, so \" inside the quotes is a quote
        assertThat(Tokenizer.splitQuoted("notify \"/bin/echo \\\"x\\\"\"")).containsExactly("notify", "/bin/echo \"x\"");
    }

    @Test
    void quotesMayStartMidWordAndJoin() {
        assertThat(Tokenizer.splitQuotedEscaped("a'b c'd \"e f\"g")).containsExactly("ab cd", "e fg");
    }

    @Test
    void cEscapesAreDecoded() {
        assertThat(Tokenizer.splitQuotedEscaped("\\a\\b\\E\\f\\n\\r\\t\\v"))
                .containsExactly("\u0007\b\u001b\f\n\r\t\u000b");
        assertThat(Tokenizer.splitQuotedEscaped("\\101\\x41\\x4a\\cA\\q\\\\")).containsExactly("AAJ\u0001q\\");
        assertThat(Tokenizer.splitQuotedEscaped("\\0")).containsExactly("\u0000");
        assertThat(Tokenizer.splitQuotedEscaped("\\1234")).containsExactly("S4");
    }

    @Test
    void hexEscapeKeepsLowByteLikeACChar() {
        assertThat(Tokenizer.splitQuotedEscaped("\\x141")).containsExactly("A");
    }

    @Test
    void escapedBlankDoesNotSplit() {
        assertThat(Tokenizer.splitQuotedEscaped("a\\ b c")).containsExactly("a b", "c");
    }

    @Test
    void escapesWorkInsideQuotes() {
        assertThat(Tokenizer.splitQuotedEscaped("\"a\\tb\" 'c\\'d'")).containsExactly("a\tb", "c'd");
    }

    @Test
    void unterminatedQuoteDiscardsTheCommand() {
        List<String> errors = new ArrayList<>();
        assertThat(Tokenizer.splitQuotedEscaped("/bin/echo 'abc", errors::add)).isEmpty();
        assertThat(errors).containsExactly("String '/bin/echo 'abc': missing terminating '");
    }

    @Test
    void trailingBackslashDiscardsTheCommand() {
        List<String> errors = new ArrayList<>();
        assertThat(Tokenizer.splitQuotedEscaped("/bin/echo a\\", errors::add)).isEmpty();
        assertThat(errors).containsExactly("Missing escape char at end: '/bin/echo a\\'");
    }

    @Test
    void controlEscapeNeedsAFollowingCharacter() {
        assertThat(Tokenizer.splitQuotedEscaped("x\\c")).containsExactly("xc");
    }
}
