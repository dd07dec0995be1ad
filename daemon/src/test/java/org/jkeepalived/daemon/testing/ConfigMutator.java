package org.jkeepalived.daemon.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes "unseen" configurations from real ones by one seeded mutation each, of the kinds users
 * actually produce: a lost or extra brace, a deleted or duplicated line, an out-of-range or
 * malformed number, a bad address, a missing interface, a misspelt keyword or state, a keyword
 * with its parameter missing, a stray comment character.
 */
public final class ConfigMutator {
    private static final Pattern NUMBER = Pattern.compile("(?<=\\s)\\d+(?=\\s|$)");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final Pattern IFACE = Pattern.compile("\\beth\\d\\b");
    private static final String[] BAD_NUMBERS = {"0", "-1", "256", "4096", "99999999999", "12abc", "1.5", "65536"};
    private static final String[] BAD_ADDRESSES = {"300.1.1.1", "1.2.3", "192.0.2.1/33", "::g", "192.0.2.1/-1"};
    private static final String[] STATES = {"MSTR", "master", "FAULT", "BACKUP", "MASTER"};

    /** A mutated config and what was done to it (for failure messages). */
    public record Mutation(String text, String description) {
    }

    private ConfigMutator() {
    }

    public static Mutation mutate(String config, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(config.split("\n", -1)));
        if (lines.isEmpty()) {
            lines.add("");
        }
        int kind = random.nextInt(11);
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        String description;
        switch (kind) {
            case 0 -> {
                lines.remove(at);
                description = "deleted line " + (at + 1) + ": " + line;
            }
            case 1 -> {
                lines.add(at, line);
                description = "duplicated line " + (at + 1) + ": " + line;
            }
            case 2 -> {
                String bad = BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)];
                int idx = findLine(lines, NUMBER, random, at);
                lines.set(idx, NUMBER.matcher(lines.get(idx)).replaceFirst(bad));
                description = "number -> " + bad + " on line " + (idx + 1);
            }
            case 3 -> {
                lines.add(at, "    bogus_keyword_" + random.nextInt(100) + " 1");
                description = "unknown keyword inserted at line " + (at + 1);
            }
            case 4 -> {
                int idx = findLine(lines, Pattern.compile("}"), random, at);
                lines.set(idx, lines.get(idx).replaceFirst("}", ""));
                description = "removed '}' from line " + (idx + 1);
            }
            case 5 -> {
                lines.add(at, "}");
                description = "extra '}' inserted at line " + (at + 1);
            }
            case 6 -> {
                String bad = BAD_ADDRESSES[random.nextInt(BAD_ADDRESSES.length)];
                int idx = findLine(lines, IPV4, random, at);
                lines.set(idx, IPV4.matcher(lines.get(idx)).replaceFirst(Matcher.quoteReplacement(bad)));
                description = "address -> " + bad + " on line " + (idx + 1);
            }
            case 7 -> {
                int idx = findLine(lines, IFACE, random, at);
                lines.set(idx, IFACE.matcher(lines.get(idx)).replaceFirst("eth9"));
                description = "interface -> eth9 on line " + (idx + 1);
            }
            case 8 -> {
                String state = STATES[random.nextInt(STATES.length)];
                int idx = findLine(lines, Pattern.compile("\\bstate\\s+\\S+"), random, at);
                lines.set(idx, lines.get(idx).replaceFirst("\\bstate\\s+\\S+", "state " + state));
                description = "state -> " + state + " on line " + (idx + 1);
            }
            case 9 -> {
                int idx = findLine(lines, Pattern.compile("^\\s*[a-z_]+\\s+[^{}\\s]+\\s*$"), random, at);
                lines.set(idx, lines.get(idx).replaceFirst("^(\\s*[a-z_]+)\\s+.*$", "$1"));
                description = "parameter removed on line " + (idx + 1);
            }
            default -> {
                String l = lines.get(at);
                int pos = l.isEmpty() ? 0 : random.nextInt(l.length() + 1);
                lines.set(at, l.substring(0, pos) + (random.nextBoolean() ? "#" : "!") + l.substring(pos));
                description = "comment character inserted on line " + (at + 1);
            }
        }
        return new Mutation(String.join("\n", lines), description);
    }

    /** A line matching {@code pattern}, searching from a random start; {@code fallback} if none. */
    private static int findLine(List<String> lines, Pattern pattern, Random random, int fallback) {
        int start = random.nextInt(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            int idx = (start + i) % lines.size();
            if (pattern.matcher(lines.get(idx)).find()) {
                return idx;
            }
        }
        return fallback;
    }
}
