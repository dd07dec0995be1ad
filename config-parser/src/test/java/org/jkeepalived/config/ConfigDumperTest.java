package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDumperTest {
    @TempDir
    Path dir;

    private static final String CONFIG = "global_defs { router_id \"lb 1\" }\n"
            + "vrrp_instance VI_1 {\n interface eth0\n state MASTER\n virtual_router_id 7\n"
            + " virtual_ipaddress {\n  192.0.2.100/24 dev eth0 label eth0:vip\n }\n}\n";

    @Test
    void textShowsEffectiveValuesWithDefaults() {
        String text = ConfigDumper.text(Parsed.text(dir, CONFIG).config());
        assertThat(text).contains("routerId = lb 1", "name = VI_1", "priority = 255", "state = MASTER",
                "advertIntervalMicros = 1000000", "masterRepeat = 5", "label = eth0:vip", "vrrpMcastGroup4 = 224.0.0.18");
    }

    @Test
    void textIsStable() {
        String a = ConfigDumper.text(Parsed.text(dir, CONFIG).config());
        String b = ConfigDumper.text(Parsed.text(dir, CONFIG).config());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void jsonIsWellFormedAndComplete() {
        String json = ConfigDumper.json(Parsed.text(dir, CONFIG).config());
        assertThat(JsonSyntax.valid(json)).as(json).isTrue();
        assertThat(json).contains("\"priority\": 255", "\"routerId\": \"lb 1\"", "\"label\": \"eth0:vip\"");
    }

    @Test
    void jsonEscapesControlCharactersAndQuotes() {
        StringBuilder sb = new StringBuilder();
        ConfigDumper.jsonString(sb, "a\"b\\c\n\u0001");
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    /** A minimal RFC 8259 syntax check, enough to prove the dump parses. */
    static final class JsonSyntax {
        private final String s;
        private int i;

        private JsonSyntax(String s) {
            this.s = s;
        }

        static boolean valid(String text) {
            JsonSyntax p = new JsonSyntax(text);
            try {
                p.value();
                p.ws();
                return p.i == text.length();
            } catch (RuntimeException e) {
                return false;
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                composite('}', true);
            } else if (c == '[') {
                composite(']', false);
            } else if (c == '"') {
                string();
            } else {
                int start = i;
                while (i < s.length() && "-+.eE0123456789truefalsn".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                String lit = s.substring(start, i);
                if (!lit.equals("true") && !lit.equals("false") && !lit.equals("null") && !lit.matches("-?\\d+(\\.\\d+)?")) {
                    throw new IllegalStateException("bad literal " + lit);
                }
            }
        }

        private void composite(char close, boolean object) {
            i++;
            ws();
            if (s.charAt(i) == close) {
                i++;
                return;
            }
            while (true) {
                if (object) {
                    ws();
                    string();
                    ws();
                    expect(':');
                }
                value();
                ws();
                if (s.charAt(i) == close) {
                    i++;
                    return;
                }
                expect(',');
            }
        }

        private void string() {
            expect('"');
            while (s.charAt(i) != '"') {
                if (s.charAt(i) < 0x20) {
                    throw new IllegalStateException("control character");
                }
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalStateException("expected " + c + " at " + i);
            }
            i++;
        }
    }
}
