package org.jkeepalived.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

import org.jkeepalived.config.model.KeepalivedConfig;

/**
 * Prints the effective configuration ({@code --dump-conf}): every model field, defaults included,
 * in a stable order (record component order; maps in their insertion order). Two forms: an
 * indented text form for people and a JSON form for tools. Stateless and thread-safe.
 */
public final class ConfigDumper {
    private static final String INDENT = "  ";

    private ConfigDumper() {
    }

    /** The indented text form: {@code name = value} lines, nested blocks indented, lists as "- ". */
    public static String text(KeepalivedConfig config) {
        StringBuilder sb = new StringBuilder();
        textRecord(sb, config, 0);
        return sb.toString();
    }

    /** The JSON form: one object per record, arrays for lists, objects for maps, null for unset. */
    public static String json(KeepalivedConfig config) {
        StringBuilder sb = new StringBuilder();
        jsonValue(sb, config, 0);
        sb.append('\n');
        return sb.toString();
    }

    private static void textRecord(StringBuilder sb, Record record, int depth) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            textField(sb, c.getName(), read(c, record), depth);
        }
    }

    private static void textField(StringBuilder sb, String name, Object value, int depth) {
        String pad = INDENT.repeat(depth);
        if (value instanceof Record r) {
            sb.append(pad).append(name).append(":\n");
            textRecord(sb, r, depth + 1);
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                sb.append(pad).append(name).append(" = []\n");
                return;
            }
            sb.append(pad).append(name).append(":\n");
            for (Object item : list) {
                if (item instanceof Record r) {
                    sb.append(pad).append(INDENT).append("-\n");
                    textRecord(sb, r, depth + 2);
                } else {
                    sb.append(pad).append(INDENT).append("- ").append(scalar(item)).append('\n');
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append(pad).append(name).append(" = {}\n");
                return;
            }
            sb.append(pad).append(name).append(":\n");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                textField(sb, String.valueOf(e.getKey()), e.getValue(), depth + 1);
            }
        } else {
            sb.append(pad).append(name).append(" = ").append(scalar(value)).append('\n');
        }
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "(unset)";
        }
        String s = v.toString();
        return s.isEmpty() ? "\"\"" : s;
    }

    private static void jsonValue(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Record r) {
            RecordComponent[] cs = r.getClass().getRecordComponents();
            jsonObject(sb, depth, cs.length, i -> cs[i].getName(), i -> read(cs[i], r));
        } else if (value instanceof Map<?, ?> map) {
            Object[] keys = map.keySet().toArray();
            jsonObject(sb, depth, keys.length, i -> String.valueOf(keys[i]), i -> map.get(keys[i]));
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            int i = 0;
            for (Object item : list) {
                sb.append(INDENT.repeat(depth + 1));
                jsonValue(sb, item, depth + 1);
                sb.append(++i < list.size() ? ",\n" : "\n");
            }
            sb.append(INDENT.repeat(depth)).append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            jsonString(sb, value.toString());
        }
    }

    private static void jsonObject(StringBuilder sb, int depth, int size, java.util.function.IntFunction<String> key,
                                   java.util.function.IntFunction<Object> val) {
        if (size == 0) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        for (int i = 0; i < size; i++) {
            sb.append(INDENT.repeat(depth + 1));
            jsonString(sb, key.apply(i));
            sb.append(": ");
            jsonValue(sb, val.apply(i), depth + 1);
            sb.append(i + 1 < size ? ",\n" : "\n");
        }
        sb.append(INDENT.repeat(depth)).append('}');
    }

    /** A JSON string literal with RFC 8259 escapes. */
    static void jsonString(StringBuilder sb, String s) {
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
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
