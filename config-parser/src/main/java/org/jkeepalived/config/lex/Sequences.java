package org.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parsing of keepalived 2.2.7's line generators ({@code add_seq}, {@code add_lst} in
 * {@code lib/parser.c}):
 * <ul>
 *   <li>{@code ~SEQ(VAR, END)}, {@code ~SEQ(VAR, START, END)}, {@code ~SEQ(VAR, START, STEP, END)},
 *       and {@code ~SEQx(...)} which prints VAR in hex; numbers as C {@code strtol(…, 0)} reads them
 *       (so {@code 0x90} works), parameters may be {@code $DEF}s;</li>
 *   <li>{@code ~LST(VAR, v1, v2, …)} and {@code ~LST({V1,V2}, {a,b}, {c,d}, …)}.</li>
 * </ul>
 * The rest of the line after the closing parenthesis is the text repeated for each value.
 *
 * <p>Unlike keepalived, a generator may produce at most {@link #MAX_VALUES} values; a larger one is
 * rejected with an error instead of running (practically) forever.
 *
 * <p>Stateless; the generators it returns are mutable and owned by one {@link ConfigLexer}.
 */
final class Sequences {
    /** The most values one ~SEQ or ~LST may produce. */
    static final long MAX_VALUES = 1_000_000;

    /** keepalived's buffer for the ~SEQ parameters: 3 longs with separators and the NUL. */
    private static final int SEQ_PARAM_BUFFER = 3 * 20 + 3 + 1;

    private Sequences() {
    }

    /** One active ~SEQ or ~LST: the values still to come and the text to repeat. */
    static final class Generator {
        final String text;
        /** ~SEQ state. */
        final String variable;
        long next;
        final long step;
        final long last;
        final boolean hex;
        /** ~LST state: variable names and the value sets (one value per variable). */
        final List<String> listVariables;
        final List<List<String>> valueSets;
        int nextSet;

        private Generator(String text, String variable, long start, long step, long last, boolean hex) {
            this.text = text;
            this.variable = variable;
            this.next = start;
            this.step = step;
            this.last = last;
            this.hex = hex;
            this.listVariables = List.of();
            this.valueSets = List.of();
        }

        private Generator(String text, List<String> variables, List<List<String>> valueSets) {
            this.text = text;
            this.variable = null;
            this.step = 0;
            this.last = 0;
            this.hex = false;
            this.listVariables = variables;
            this.valueSets = valueSets;
        }

        boolean isList() {
            return variable == null;
        }
    }

    /**
     * {@code add_seq}: parses a line starting {@code ~SEQ}. On failure reports keepalived's
     * specific message (if it has one) to {@code errors} and returns null; the caller then reports
     * {@code Invalid ~SEQ specification '…'}.
     */
    static Generator parseSeq(String buf, Definitions definitions, Consumer<String> errors) {
        int p = 4;
        boolean hex = CText.at(buf, p) == 'x';
        if (hex) {
            p++;
        }
        p += CText.spn(buf, p, CText.BLANKS);
        if (CText.at(buf, p++) != '(') {
            return null;
        }
        p += CText.spn(buf, p, CText.BLANKS);
        int var = p;
        p += CText.cspn(buf, p, " \t,)");
        int varEnd = p;
        p += CText.spn(buf, p, CText.BLANKS);
        if (p >= buf.length() || buf.charAt(p) == ')' || p == var) {
            errors.accept("Invalid ~SEQ definition '" + buf + "'");
            return null;
        }
        p++;
        p += CText.spn(buf, p, CText.BLANKS);
        int endSeq = buf.indexOf(')', Math.min(p, buf.length()));
        if (endSeq < 0 || endSeq + 1 - p + 1 > SEQ_PARAM_BUFFER) {
            errors.accept("~SEQ parameter strings too long '" + buf + "'");
            return null;
        }
        Definitions.Replacement params = definitions.replace(buf.substring(p, endSeq + 1), SEQ_PARAM_BUFFER, null);
        if (params.replaced() && params.multiline() != null) {
            errors.accept("~SEQ parameter is multiline definition '" + buf + "'");
            return null;
        }
        long[] range = parseRange(params.text(), buf, errors);
        if (range == null) {
            return null;
        }
        long start = range[0];
        long step = range[1];
        long end = range[2];
        if (hex && (start < 0 || end < 0)) {
            errors.accept("~SEQx is only valid for positive numbers '" + buf + "'");
            return null;
        }
        if (valueCount(start, step, end) > MAX_VALUES) {
            errors.accept("~SEQ produces more than " + MAX_VALUES + " values '" + buf + "'");
            return null;
        }
        int textStart = endSeq + 1 + CText.spn(buf, endSeq + 1, CText.BLANKS);
        return new Generator(buf.substring(textStart), buf.substring(var, varEnd), start, step, end, hex);
    }

    /** The START, STEP and END of a ~SEQ parameter string that ends in ')', or null. */
    private static long[] parseRange(String seq, String buf, Consumer<String> errors) {
        CText.ParsedLong one = CText.strtol(seq, 0, 0);
        int p = one.end() + CText.spn(seq, one.end(), CText.BLANKS);
        if (CText.at(seq, p) == ')') {
            long end = one.value();
            return new long[] {end < 0 ? -1 : 1, end < 1 ? -1 : 1, end};
        }
        if (CText.at(seq, p) != ',') {
            errors.accept("Invalid ~SEQ definition '" + buf + "'");
            return null;
        }
        CText.ParsedLong two = CText.strtol(seq, p + 1, 0);
        p = two.end() + CText.spn(seq, two.end(), CText.BLANKS);
        if (CText.at(seq, p) == ')') {
            return new long[] {one.value(), one.value() <= two.value() ? 1 : -1, two.value()};
        }
        if (CText.at(seq, p) != ',') {
            errors.accept("Invalid ~SEQ definition '" + buf + "'");
            return null;
        }
        CText.ParsedLong three = CText.strtol(seq, p + 1, 0);
        p = three.end() + CText.spn(seq, three.end(), CText.BLANKS);
        if (CText.at(seq, p) != ')') {
            errors.accept("Invalid ~SEQ definition '" + buf + "'");
            return null;
        }
        long start = one.value();
        long step = two.value();
        long end = three.value();
        if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
            errors.accept("Invalid ~SEQ values '" + buf + "'");
            return null;
        }
        return new long[] {start, step, end};
    }

    /** How many values START..END by STEP yields (at least one: keepalived always emits START). */
    private static long valueCount(long start, long step, long end) {
        double span = ((double) end - (double) start) / (double) step;
        if (span < 0) {
            return 1;
        }
        return (long) Math.min(span + 1, Long.MAX_VALUE);
    }

    /** {@code add_lst}: parses a line starting {@code ~LST}; null (nothing reported) if invalid. */
    static Generator parseList(String buf, Consumer<String> errors) {
        ListScanner scanner = new ListScanner(buf, errors);
        return scanner.parse();
    }

    /** The character-level scan of a ~LST specification. */
    private static final class ListScanner {
        private final String buf;
        private final Consumer<String> errors;
        private int p = 4;

        ListScanner(String buf, Consumer<String> errors) {
            this.buf = buf;
            this.errors = errors;
        }

        private char c() {
            return CText.at(buf, p);
        }

        /** Skips blanks after the current character ({@code p += strspn(p + 1, " \t") + 1}). */
        private void stepOverAndBlanks() {
            p += CText.spn(buf, p + 1, CText.BLANKS) + 1;
        }

        Generator parse() {
            p += CText.spn(buf, p, CText.BLANKS);
            if (CText.at(buf, p++) != '(') {
                return null;
            }
            p += CText.spn(buf, p, CText.BLANKS);
            List<String> variables = readVariables();
            if (variables == null) {
                return null;
            }
            if (c() == '}') {
                stepOverAndBlanks();
            }
            if (CText.at(buf, p++) != ',') {
                return null;
            }
            p += CText.spn(buf, p, CText.BLANKS);
            List<List<String>> sets = readValueSets(variables.size() - 1);
            if (sets == null || variables.isEmpty() || sets.isEmpty()) {
                return null;
            }
            stepOverAndBlanks();
            return new Generator(p <= buf.length() ? buf.substring(p) : "", variables, sets);
        }

        private List<String> readVariables() {
            char endChar = ',';
            if (c() == '{') {
                endChar = '}';
                p++;
                p += CText.spn(buf, p, CText.BLANKS);
            }
            List<String> names = new ArrayList<>();
            while (true) {
                int start = p;
                p += CText.cspn(buf, p, " \t,}");
                names.add(buf.substring(start, p));
                p += CText.spn(buf, p, CText.BLANKS);
                if (c() == endChar) {
                    return names;
                }
                if (c() != ',') {
                    return null;
                }
                stepOverAndBlanks();
            }
        }

        /** Reads the value sets up to the closing ')'; each padded with "" to the variable count. */
        private List<List<String>> readValueSets(int extraVariables) {
            List<List<String>> sets = new ArrayList<>();
            while (true) {
                char endChar = ',';
                if (c() == '{') {
                    endChar = '}';
                    p++;
                    p += CText.spn(buf, p, CText.BLANKS);
                }
                List<String> values = new ArrayList<>();
                int extraValues = 0;
                while (true) {
                    int start = p;
                    p += CText.cspn(buf, p, " \t,})");
                    values.add(buf.substring(start, p));
                    p += CText.spn(buf, p, CText.BLANKS);
                    if (c() == endChar || (c() == ')' && endChar == ',')) {
                        break;
                    }
                    if (c() != ',') {
                        return null;
                    }
                    stepOverAndBlanks();
                    if (++extraValues > extraVariables) {
                        errors.accept("~LST specification has too many values '" + buf + "'");
                        return null;
                    }
                }
                while (values.size() < extraVariables + 1) {
                    values.add("");
                }
                sets.add(values);
                if (sets.size() > MAX_VALUES) {
                    errors.accept("~LST produces more than " + MAX_VALUES + " values '" + buf + "'");
                    return null;
                }
                if (c() == '}' && endChar == '}') {
                    stepOverAndBlanks();
                }
                if (c() == ')') {
                    return sets;
                }
                if (c() != ',') {
                    return null;
                }
                stepOverAndBlanks();
            }
        }
    }
}
