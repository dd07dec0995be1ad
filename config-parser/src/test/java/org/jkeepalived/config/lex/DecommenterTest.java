package org.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecommenterTest {

    private static String text(String line) {
        return Decommenter.decomment(line).text();
    }

    @Test
    void commentStartsAnywhereOutsideQuotes() {
        assertThat(text("  router_id x   # trailing")).isEqualTo("router_id x");
        assertThat(text("smtp_helo_name he#llo")).isEqualTo("smtp_helo_name he");
        assertThat(text("auth_pass ab!cdefghijk")).isEqualTo("auth_pass ab");
        assertThat(text("! whole line")).isEmpty();
    }

    @Test
    void commentCharactersInsideDoubleQuotesAreText() {
        assertThat(text("smtp_server \"1.2.3.4#x\" 25 # c")).isEqualTo("smtp_server \"1.2.3.4#x\" 25");
    }

    @Test
    void singleQuotesDoNotProtect() {
        assertThat(text("a 'b#c'")).isEqualTo("a 'b");
    }

    @Test
    void escapedCommentCharactersBecomeLiteral() {
        assertThat(text("a\\#b \\!c")).isEqualTo("a#b !c");
        assertThat(text("\"a\\#b\"")).isEqualTo("\"a\\#b\"");
    }

    @Test
    void escapedQuoteDoesNotToggleQuoting() {
        assertThat(text("a\\\"b # c")).isEqualTo("a\\\"b");
    }

    @Test
    void trailingBackslashIsKeptWithoutBlanksBeforeIt() {
        assertThat(text("router_id abc\\")).isEqualTo("router_id abc\\");
        assertThat(text("$X= a   \\")).isEqualTo("$X= a\\");
        assertThat(text("\\")).isEqualTo("\\");
    }

    @Test
    void trailingBackslashInsideCommentStillMarksContinuation() {
        assertThat(text("a b # comment \\")).isEqualTo("a b\\");
    }

    @Test
    void onlySpaceAndTabAreStripped() {
        assertThat(text("\fa\r")).isEqualTo("\fa\r");
    }

    @Test
    void unterminatedQuoteIsReportedWithTheWholeLine() {
        Decommenter.Result result = Decommenter.decomment("   x \"abc # d");
        assertThat(result.unterminatedQuoteText()).isEqualTo("x \"abc # d");
        assertThat(result.text()).isEqualTo("x \"abc # d");
        assertThat(Decommenter.decomment("x # \"").unterminatedQuoteText()).isNull();
    }
}
