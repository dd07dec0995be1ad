package org.jkeepalived.daemon.control;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict checker of Prometheus text exposition format 0.0.4 for tests: every line is a HELP,
 * a TYPE or a sample; a family has at most one HELP and one TYPE, both before its samples; a
 * family's samples are contiguous; label values use only the allowed escapes; values parse. Returns
 * the samples by their full series text ({@code name{labels}}).
 */
final class ExpositionFormat {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\\\\\|\\\\n)*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\\\\\|\\\\\"|\\\\n)*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? "
            + "(NaN|[+-]Inf|[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)( -?[0-9]+)?");

    private ExpositionFormat() {
    }

    static Map<String, Double> check(String exposition) {
        if (!exposition.endsWith("\n")) {
            throw new AssertionError("exposition must end with a newline");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        for (String line : exposition.split("\n")) {
            Matcher m;
            String family;
            if ((m = HELP.matcher(line)).matches()) {
                family = m.group(1);
                if (!helped.add(family)) {
                    throw new AssertionError("second HELP for " + family);
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                family = m.group(1);
                if (!typed.add(family)) {
                    throw new AssertionError("second TYPE for " + family);
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                family = m.group(1);
                if (!typed.contains(family)) {
                    throw new AssertionError("sample before TYPE: " + line);
                }
                String series = family + (m.group(2) == null ? "" : m.group(2));
                if (samples.put(series, parse(m.group(3))) != null) {
                    throw new AssertionError("duplicate series " + series);
                }
            } else {
                throw new AssertionError("not a valid 0.0.4 line: " + line);
            }
            if (!family.equals(current)) {
                if (finished.contains(family)) {
                    throw new AssertionError("family " + family + " is not contiguous");
                }
                if (current != null) {
                    finished.add(current);
                }
                current = family;
            }
        }
        return samples;
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
