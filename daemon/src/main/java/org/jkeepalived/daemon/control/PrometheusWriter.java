package org.jkeepalived.daemon.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prometheus text exposition format 0.0.4: metric families, each written once with its
 * {@code # HELP} and {@code # TYPE} lines followed by all its samples, whatever order samples
 * were added in. Label values are escaped (backslash, double quote, newline), help text likewise
 * (backslash, newline); names are checked against the format's grammar. Not thread-safe: one
 * writer per scrape.
 */
public final class PrometheusWriter {
    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A metric type of the format. */
    public enum Type { COUNTER, GAUGE }

    private record Family(String name, Type type, String help, List<String> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Declares a family (idempotent for the same type); samples follow with {@link #sample}. */
    public PrometheusWriter family(String name, Type type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        Family existing = families.get(name);
        if (existing != null && existing.type() != type) {
            throw new IllegalArgumentException(name + " declared as " + existing.type() + " and " + type);
        }
        if (existing == null) {
            families.put(name, new Family(name, type, help, new ArrayList<>()));
        }
        return this;
    }

    /**
     * One sample of a declared family.
     *
     * @param labels alternating label names and values
     */
    public PrometheusWriter sample(String name, double value, String... labels) {
        Family family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("undeclared metric family: " + name);
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name/value pairs: " + name);
        }
        StringBuilder line = new StringBuilder(name);
        if (labels.length > 0) {
            line.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (!LABEL_NAME.matcher(labels[i]).matches() || labels[i].startsWith("__")) {
                    throw new IllegalArgumentException("invalid label name: " + labels[i]);
                }
                if (i > 0) {
                    line.append(',');
                }
                line.append(labels[i]).append("=\"").append(escapeLabelValue(labels[i + 1])).append('"');
            }
            line.append('}');
        }
        line.append(' ').append(formatValue(value));
        family.samples().add(line.toString());
        return this;
    }

    /** The exposition: families in declaration order; families without samples are left out. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        for (Family family : families.values()) {
            if (family.samples().isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ')
                    .append(family.type().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
            for (String sample : family.samples()) {
                out.append(sample).append('\n');
            }
        }
        return out.toString();
    }

    static String escapeLabelValue(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Integers without a fraction; NaN and infinities in the format's spelling. */
    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // Plain decimals (1795325400.044, not 1.795325400044E9): both parse, this one reads.
        return Math.abs(value) < 1e15 && Math.abs(value) >= 1e-6
                ? java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : Double.toString(value);
    }
}
