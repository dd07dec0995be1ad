package org.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * keepalived's three ways of splitting a line into words, as keepalived 2.2.7 does them.
 *
 * <ul>
 *   <li>{@link #split} ({@code alloc_strvec_r}): every keyword line. Blanks ({@code " \t\f\n\r\v"})
 *       separate words; a word that starts with {@code "} runs to the next {@code "} (blanks kept,
 *       quotes removed, no escapes); an unquoted word stops at a blank or at a {@code "}, so
 *       {@code x"y z"w} is {@code x}, {@code y z}, {@code w}. A missing closing quote drops the
 *       rest of the line and is reported as {@code Unmatched quote: '<line>'}.</li>
 *   <li>{@link #splitQuoted}: the line of a script-valued keyword ({@code notify*}, {@code script},
 *       …) into keyword, command string and user/group; in 2.2.7 this is the quoted-escaped split
 *       of the whole line.</li>
 *   <li>{@link #splitQuotedEscaped} ({@code alloc_strvec_quoted_escaped}): a script command string
 *       into its argv. Quotes {@code "} and {@code '} group (and may occur mid-word), and C escapes
 *       are decoded: {@code \a \b \E \f \n \r \t \v}, {@code \nnn} octal, {@code \xHH} hex,
 *       {@code \cC} control character, any other {@code \C} → {@code C}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. No input makes these methods throw.
 */
public final class Tokenizer {
    private static final String WHITE_SPACE = CText.WHITE_SPACE;

    private Tokenizer() {
    }

    /** {@link #split(String, Consumer)} without error reporting. */
    public static List<String> split(String text) {
        return split(text, message -> { });
    }

    /**
     * Splits a logical line as keepalived's {@code alloc_strvec_r} does.
     *
     * @param text   the line (already decommented)
     * @param errors receives {@code Unmatched quote: '<text>'} when a quoted word is not closed
     * @return the words, possibly empty; never null
     */
    public static List<String> split(String text, Consumer<String> errors) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        int cp = 0;
        while (true) {
            cp += CText.spn(text, cp, WHITE_SPACE);
            if (cp >= text.length()) {
                break;
            }
            if (text.charAt(cp) == '"') {
                int close = text.indexOf('"', cp + 1);
                if (close < 0) {
                    errors.accept("Unmatched quote: '" + text + "'");
                    break;
                }
                words.add(text.substring(cp + 1, close));
                cp = close + 1;
            } else {
                int end = cp + CText.cspn(text, cp, WHITE_SPACE + "\"");
                words.add(text.substring(cp, end));
                cp = end;
            }
        }
        return words;
    }

    /** {@link #splitQuoted(String, Consumer)} without error reporting. */
    public static List<String> splitQuoted(String text) {
        return splitQuoted(text, message -> { });
    }

    /**
     * Splits the line of a script-valued keyword ({@code notify*}, {@code script},
     * {@code misc_path}, …) into keyword, command string and {@code USER [GROUP]}. keepalived 2.2.7
     * does this with the same routine as {@link #splitQuotedEscaped} applied to the whole line, so
     * both {@code "} and {@code '} quote and escapes are decoded here already; the command string
     * (word 1) is then split again with {@link #splitQuotedEscaped}. (keepalived 2.2.8+ keeps the
     * backslashes in this first split; 2.2.7 is the reference.)
     */
    public static List<String> splitQuoted(String text, Consumer<String> errors) {
        return splitQuotedEscaped(text, errors);
    }

    /** {@link #splitQuotedEscaped(String, Consumer)} without error reporting. */
    public static List<String> splitQuotedEscaped(String command) {
        return splitQuotedEscaped(command, message -> { });
    }

    /**
     * Splits a script command string into argv as keepalived's {@code alloc_strvec_quoted_escaped}
     * does.
     *
     * @param command the command string
     * @param errors  receives {@code String '<command>': missing terminating <q>} for an unclosed
     *                quote and {@code Missing escape char at end: '<command>'} for a trailing
     *                backslash; in both cases keepalived discards the whole command, and so the
     *                result is empty
     * @return the argv words; empty when the command is blank or invalid
     */
    public static List<String> splitQuotedEscaped(String command, Consumer<String> errors) {
        List<String> words = new ArrayList<>();
        if (command == null) {
            return words;
        }
        int n = command.length();
        int ofs = 0;
        char quote = 0;
        while (ofs < n) {
            ofs += CText.spn(command, ofs, WHITE_SPACE);
            if (ofs >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (ofs < n) {
                String stops = quote == '"' ? "\"\\" : quote == '\'' ? "'\\" : WHITE_SPACE + "'\"\\";
                int stop = CText.pbrk(command, ofs, stops);
                if (stop < 0) {
                    if (quote != 0) {
                        errors.accept("String '" + command + "': missing terminating " + quote);
                        return new ArrayList<>();
                    }
                    word.append(command, ofs, n);
                    ofs = n;
                    break;
                }
                word.append(command, ofs, stop);
                ofs = stop;
                char c = command.charAt(ofs);
                if (c == '\\') {
                    ofs++;
                    if (ofs >= n) {
                        errors.accept("Missing escape char at end: '" + command + "'");
                        return new ArrayList<>();
                    }
                    ofs = decodeEscape(command, ofs, word);
                    continue;
                }
                if (quote != 0) {
                    quote = 0;
                    ofs++;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    ofs++;
                    continue;
                }
                break;
            }
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Decodes the escape whose first character (after the backslash) is at {@code ofs}, appends the
     * character it stands for and returns the index after the escape. keepalived builds the value
     * in a C {@code char}, so hex and octal escapes keep only their low 8 bits.
     */
    private static int decodeEscape(String s, int ofs, StringBuilder out) {
        char c = s.charAt(ofs);
        int value;
        if (c == 'x' && CText.isXDigit(CText.at(s, ofs + 1))) {
            value = 0;
            ofs++;
            while (CText.isXDigit(CText.at(s, ofs))) {
                value = (value << 4) | Character.digit(s.charAt(ofs), 16);
                ofs++;
            }
        } else if (c == 'c' && ofs + 1 < s.length()) {
            value = s.charAt(ofs + 1) & 0x1f;
            ofs += 2;
        } else if (c >= '0' && c <= '7') {
            value = c - '0';
            ofs++;
            for (int i = 0; i < 2 && CText.at(s, ofs) >= '0' && CText.at(s, ofs) <= '7'; i++) {
                value = (value << 3) + (s.charAt(ofs) - '0');
                ofs++;
            }
        } else {
            value = switch (c) {
                case 'a' -> 0x07;
                case 'b' -> 0x08;
                case 'E' -> 0x1b;
                case 'f' -> 0x0c;
                case 'n' -> 0x0a;
                case 'r' -> 0x0d;
                case 't' -> 0x09;
                case 'v' -> 0x0b;
                default -> c;
            };
            ofs++;
            out.append((char) value);
            return ofs;
        }
        out.append((char) (value & 0xff));
        return ofs;
    }
}
