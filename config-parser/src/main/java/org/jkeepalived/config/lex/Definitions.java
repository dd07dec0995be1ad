package org.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code $NAME=VALUE} definitions of one parse and keepalived 2.2.7's substitution of
 * {@code $NAME} / {@code ${NAME}} / {@code ${NAME p1 p2}} into a line ({@code check_definition},
 * {@code set_definition}, {@code find_definition}, {@code replace_param} in {@code lib/parser.c}).
 *
 * <p>Substitution works on a bounded character buffer exactly as keepalived does, including its
 * quirks: the replacement text is rescanned (so definitions nest), a value starting with {@code ~}
 * stops the scan, a result longer than the line buffer stops substitution where it is, and
 * shortening a parameterised built-in ({@code ${_RANDOM 1 5}}) in the middle of a line moves only
 * one following character, leaving the rest of the original text in place. Unlike keepalived, the
 * number of replacements per line is bounded, so a self-referencing definition cannot hang.
 *
 * <p>Not thread-safe: part of one {@link ConfigLexer}.
 */
final class Definitions {
    /** Replacements allowed in one line before substitution is abandoned as non-terminating. */
    static final int MAX_REPLACEMENTS_PER_LINE = 10_000;

    /** A line end inside a multi-line definition value ({@code DEF_LINE_END}). */
    static final char LINE_END = '\n';

    /** The value source of a built-in definition. */
    interface Builtins {
        String pwd();

        String instance();

        /** {@code random()}: a value in [0, 2^31). */
        long random();
    }

    enum Builtin { PWD, INSTANCE, RANDOM }

    /** One definition. Mutable: a redefinition replaces the value in place, keeping its slot. */
    static final class Definition {
        final String name;
        String value = "";
        boolean multiline;
        Builtin builtin;
        final int maxParams;
        /** Parameter span in the buffer being scanned, set by {@link #find}. */
        int paramStart = -1;
        int paramEnd = -1;

        Definition(String name, int maxParams) {
            this.name = name;
            this.maxParams = maxParams;
        }
    }

    /** Where the unread rest of a multi-line definition value is ({@code next_ptr}). */
    record Cursor(String text, int pos) {
    }

    /** Outcome of {@link #replace}. */
    record Replacement(String text, boolean replaced, Cursor multiline, String error, boolean lengthExceeded) {
    }

    private final List<Definition> all = new ArrayList<>();
    /** The substitution buffer, reused from line to line. */
    private char[] scratch = new char[0];
    private final Builtins builtins;
    /** Set by a substitution that expands a multi-line definition ({@code multiline_seq_depth}). */
    private final MultilineHooks hooks;

    /** The multi-line expansion bookkeeping that lives in the lexer. */
    interface MultilineHooks {
        /** A multi-line expansion interrupts another one: save the other's position. */
        void pushMultiline(Cursor cursor);

        /** A multi-line expansion starts: its lines come before the current ~SEQ's next value. */
        void startMultiline();
    }

    Definitions(Builtins builtins, MultilineHooks hooks) {
        this.builtins = builtins;
        this.hooks = hooks;
        addBuiltin("_PWD", null, Builtin.PWD, 0);
        addBuiltin("_INSTANCE", null, Builtin.INSTANCE, 0);
        addBuiltin("_RANDOM", null, Builtin.RANDOM, 2);
        addBuiltin("_HASH", "#", null, 0);
        addBuiltin("_BANG", "!", null, 0);
    }

    private void addBuiltin(String name, String value, Builtin builtin, int maxParams) {
        Definition def = new Definition(name, maxParams);
        def.value = value == null ? "" : value;
        def.builtin = builtin;
        all.add(def);
    }

    /**
     * {@code check_definition}: when {@code line} is {@code $NAME=VALUE} (no blank before
     * {@code =}), stores it and returns the definition; otherwise null. A value ending in a
     * backslash starts a multi-line definition: the backslash becomes a line end, or the value is
     * empty when nothing but the backslash was given.
     */
    Definition checkDefinition(String line) {
        if (CText.at(line, 0) != '$') {
            return null;
        }
        char first = CText.at(line, 1);
        if (!CText.isAlpha(first) && first != '_') {
            return null;
        }
        int p = 2;
        while (p < line.length() && line.charAt(p) != '=') {
            char c = line.charAt(p);
            if (!CText.isAlnum(c) && c != '_') {
                return null;
            }
            p++;
        }
        if (p >= line.length()) {
            return null;
        }
        String name = line.substring(1, p);
        Definition def = findByName(name);
        if (def == null) {
            def = new Definition(name, 0);
            all.add(def);
        }
        def.builtin = null;
        int valueStart = p + 1 + CText.spn(line, p + 1, CText.BLANKS);
        String value = line.substring(valueStart);
        if (value.endsWith("\\")) {
            int len = value.length();
            while (len >= 2 && CText.isBlank(value.charAt(len - 2))) {
                len--;
            }
            def.value = len < 2 ? "" : value.substring(0, len - 1) + LINE_END;
            def.multiline = true;
        } else {
            def.value = value;
            def.multiline = false;
        }
        return def;
    }

    /** {@code set_definition}: the ~SEQ/~LST loop variable; the multi-line flag is kept. */
    void set(String name, String value) {
        Definition def = findByName(name);
        if (def == null) {
            def = new Definition(name, 0);
            all.add(def);
        }
        def.builtin = null;
        def.value = value;
    }

    /** Appends a continuation line to a multi-line definition being read. */
    void append(Definition def, String text) {
        def.value = def.value + text;
    }

    /**
     * {@code find_definition} with an explicit name: a definition or a loop variable being set
     * matches any definition of that name, multi-line or not.
     */
    private Definition findByName(String name) {
        if (name.isEmpty() || (!CText.isAlpha(name.charAt(0)) && name.charAt(0) != '_')) {
            return null;
        }
        for (Definition def : all) {
            if (def.name.equals(name)) {
                def.paramStart = -1;
                return def;
            }
        }
        return null;
    }

    /**
     * {@code find_definition} for a use at {@code buf[nameStart]} (just after the {@code $}):
     * {@code NAME} followed by blank, {@code ,}, {@code )} or end, or {@code {NAME}}, or
     * {@code {NAME digits...}} for a built-in that takes parameters.
     */
    private Definition find(char[] buf, int nameStart) {
        int name = nameStart;
        boolean braces = false;
        if (buf[name] == '{') {
            braces = true;
            name++;
        }
        if (!CText.isAlpha(buf[name]) && buf[name] != '_') {
            return null;
        }
        int len = 1;
        int p = name + 1;
        while (buf[p] != '\0' && (CText.isAlnum(buf[p]) || buf[p] == '_')) {
            len++;
            p++;
        }
        int paramStart = -1;
        int paramEnd = -1;
        if (braces) {
            while (buf[p] != '\0' && (buf[p] == ' ' || CText.isDigit(buf[p]))) {
                if (buf[p] != ' ') {
                    if (paramStart < 0) {
                        paramStart = p;
                    }
                    paramEnd = p;
                }
                p++;
            }
            if (paramStart >= 0 && paramEnd + 1 != p) {
                return null;
            }
            if (buf[p] != '}') {
                return null;
            }
        } else if (buf[p] != ' ' && buf[p] != '\t' && buf[p] != ',' && buf[p] != ')' && buf[p] != '\0') {
            return null;
        }
        boolean allowMultiline = braces ? buf[name + len + 1] == '\0' : buf[name + len] == '\0';
        String wanted = new String(buf, name, len);
        for (Definition def : all) {
            if (def.name.length() == len && (allowMultiline || !def.multiline) && def.name.equals(wanted)) {
                if (paramStart >= 0 && def.maxParams == 0) {
                    return null;
                }
                def.paramStart = paramStart;
                def.paramEnd = paramEnd;
                return def;
            }
        }
        return null;
    }

    /**
     * {@code replace_param}: substitutes definitions into {@code line} within a buffer of
     * {@code maxLen} characters (including keepalived's terminating NUL).
     *
     * @param multiline the unread rest of the multi-line expansion in progress, or null
     * @return the new text; {@code replaced} is false when nothing was substituted or the result
     *         would not fit (then {@code error} says so and the text is as far as it got);
     *         {@code multiline} is the expansion to continue with when something was replaced
     */
    Replacement replace(String line, int maxLen, Cursor multiline) {
        int size = load(line, maxLen);
        char[] buf = scratch;
        int lenUsed = line.length();
        Cursor multilinePtr = multiline;
        Cursor next = null;
        boolean found = false;
        int cur = 0;
        int replacements = 0;
        while ((cur = indexOf(buf, '$', cur)) >= 0 && buf[cur + 1] != '\0') {
            Definition def = find(buf, cur + 1);
            if (def == null) {
                cur++;
                continue;
            }
            if (++replacements > MAX_REPLACEMENTS_PER_LINE) {
                return new Replacement(cString(buf), false, multiline, "Parameter substitution on line '" + line
                        + "' does not terminate - definitions refer to each other", false);
            }
            found = true;
            int extraBraces = buf[cur + 1] == '{' ? 2 : 0;
            next = multilinePtr;
            if (def.multiline) {
                startMultilineUse(multilinePtr);
            }
            if (def.builtin != null) {
                def.value = builtinValue(def, buf);
            }
            int replacedLen = def.name.length();
            int replacingLen;
            if (def.multiline) {
                replacingLen = CText.cspn(def.value, 0, String.valueOf(LINE_END));
                next = new Cursor(def.value, Math.min(replacingLen + 1, def.value.length()));
                multilinePtr = next;
            } else {
                if (def.paramStart >= 0) {
                    replacedLen = def.paramEnd - (cur + 1) + (extraBraces != 0 ? 0 : 1);
                }
                replacingLen = def.value.length();
            }
            int total = replacedLen + 1 + extraBraces;
            long newLen = (long) lenUsed + replacingLen - total;
            // keepalived checks its running length (size_t, so a negative one wraps to huge); the
            // second test keeps this buffer in bounds where keepalived's own bookkeeping drifts.
            long actualLen = (long) strlen(buf, 0) + replacingLen - total;
            if (newLen < 0 || newLen >= maxLen || actualLen >= size - 2) {
                return new Replacement(cString(buf), false, multiline,
                        "Parameter substitution on line '" + cString(buf) + "' would exceed maximum line length", true);
            }
            if (total != replacingLen) {
                moveTail(buf, cur, total, replacingLen, def.paramStart >= 0 ? def.paramEnd + (extraBraces != 0 ? 2 : 1) : -1);
                lenUsed = (int) newLen;
            }
            def.value.getChars(0, replacingLen, buf, cur);
            if (CText.at(def.value, CText.spn(def.value, 0, CText.BLANKS)) == '~') {
                break;
            }
        }
        return new Replacement(cString(buf), found, found ? next : multiline, null, false);
    }

    /** Copies {@code line} into the scratch buffer, NUL-padded; returns the usable size. */
    private int load(String line, int maxLen) {
        int size = Math.max(maxLen, line.length() + 1) + 2;
        if (scratch.length < size) {
            scratch = new char[size];
        }
        java.util.Arrays.fill(scratch, 0, size, '\0');
        line.getChars(0, line.length(), scratch, 0);
        return size;
    }

    /** A multi-line definition is used: an expansion in progress is saved, and it goes first. */
    private void startMultilineUse(Cursor inProgress) {
        if (inProgress != null) {
            hooks.pushMultiline(inProgress);
        }
        hooks.startMultiline();
    }

    /**
     * Makes room for (or closes the gap after) the replacement as keepalived's copy loop does: when
     * lengthening, everything from {@code cur} moves right; when shortening, characters move left
     * up to and including {@code shortenEnd} (the end of the string, or for a parameterised use the
     * character after the closing brace).
     */
    private static void moveTail(char[] buf, int cur, int total, int replacingLen, int shortenEnd) {
        if (total < replacingLen) {
            int s = cur + strlen(buf, cur);
            int d = s - total + replacingLen;
            while (true) {
                buf[d] = buf[s];
                if (s == cur) {
                    break;
                }
                d--;
                s--;
            }
        } else {
            int s = cur + total - replacingLen;
            int d = cur;
            int e = shortenEnd >= 0 ? shortenEnd : cur + strlen(buf, cur);
            while (true) {
                buf[d] = buf[s];
                if (s == e) {
                    break;
                }
                d++;
                s++;
            }
        }
    }

    private String builtinValue(Definition def, char[] buf) {
        switch (def.builtin) {
            case PWD:
                return builtins.pwd();
            case INSTANCE:
                return builtins.instance();
            default:
                return randomValue(def, buf);
        }
    }

    /** {@code ${_RANDOM [MIN [MAX]]}}: min 0, max 32767; printed in as many digits as MAX has. */
    private String randomValue(Definition def, char[] buf) {
        long min = 0;
        long max = 32767;
        if (def.paramStart >= 0) {
            String params = new String(buf, def.paramStart, def.paramEnd - def.paramStart + 1);
            CText.ParsedLong first = CText.strtol(params, 0, 10);
            min = first.value();
            if (first.end() < params.length()) {
                max = CText.strtol(params, first.end(), 10).value();
            }
        }
        int width = Long.toString(Math.abs(max)).length() + (max < 0 ? 1 : 0);
        long range = max - min + 1;
        long value = range == 0 ? builtins.random() + min : Long.remainderUnsigned(builtins.random(), range) + min;
        String text = Long.toString(value);
        return text.length() > width ? text.substring(0, width) : text;
    }

    private static int indexOf(char[] buf, char c, int from) {
        for (int i = from; i < buf.length && buf[i] != '\0'; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int strlen(char[] buf, int from) {
        int i = from;
        while (i < buf.length && buf[i] != '\0') {
            i++;
        }
        return i - from;
    }

    private static String cString(char[] buf) {
        return new String(buf, 0, strlen(buf, 0));
    }
}
