package org.jkeepalived.daemon.control;

/**
 * A minimal streaming JSON writer (RFC 8259): objects, arrays, strings with the mandatory escapes
 * (quote, backslash, control characters as {@code \\uXXXX}), integers, finite doubles, booleans
 * and null. Commas are inserted automatically; the caller keeps names and values paired.
 * Not thread-safe: one writer per document.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder(1024);
    /** Per nesting level: whether the next element needs a comma first. */
    private boolean[] needsComma = new boolean[16];
    private int depth;
    private boolean afterName;

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** An object member's name; the next call writes its value. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** A finite number; NaN and infinities have no JSON form and are written as null. */
    public JsonWriter value(double value) {
        separate();
        if (Double.isFinite(value)) {
            out.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value));
        } else {
            out.append("null");
        }
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** The document; every object and array must be closed. */
    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed JSON object or array");
        }
        return out.toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        out.append(bracket);
        depth++;
        if (depth == needsComma.length) {
            needsComma = java.util.Arrays.copyOf(needsComma, depth * 2);
        }
        needsComma[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        if (depth == 0) {
            throw new IllegalStateException("nothing to close");
        }
        depth--;
        out.append(bracket);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (needsComma[depth]) {
            out.append(',');
        }
        needsComma[depth] = true;
    }

    private void string(String s) {
        appendString(out, s);
    }

    /**
     * Appends {@code s} to {@code sb} as a JSON string literal with the mandatory escapes (and
     * U+2028/U+2029, which break JavaScript consumers). Shared by every JSON the daemon writes
     * except keepalived's own dump format ({@code InstanceDumps}, which escapes as 2.2.7 does).
     */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
