package org.jkeepalived.config.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Routing table names and numbers as keepalived's find_rttables_table accepts them: any number
 * strtoul reads whole (base 0: decimal, 0 octal, 0x hex, with an optional sign, no range check), or
 * a name from iproute2's {@code rt_tables} plus the built-in local/main/default/unspec. The file is
 * read once; thread-safe.
 */
final class RtTables {
    private static final Path RT_TABLES = Path.of("/etc/iproute2/rt_tables");
    private static final Set<String> NAMES = loadNames();

    private RtTables() {
    }

    /** True when keepalived would find a routing table for {@code word}. */
    static boolean isKnown(String word) {
        return isWholeUnsignedLong(word) || NAMES.contains(word);
    }

    private static Set<String> loadNames() {
        Set<String> names = new HashSet<>(List.of("local", "main", "default", "unspec"));
        try {
            for (String line : Files.readAllLines(RT_TABLES, StandardCharsets.ISO_8859_1)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2 && !fields[0].startsWith("#")) {
                    names.add(fields[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable rt_tables: only the built-in names, as keepalived without the file
        }
        return Set.copyOf(names);
    }

    /** strtoul(word, &amp;end, 0) consumed the whole word and read at least one digit. */
    static boolean isWholeUnsignedLong(String word) {
        String s = word.stripLeading();
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            s = s.substring(1);
        }
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            return allDigits(s.substring(2), 16);
        }
        if (s.startsWith("0")) {
            return allDigits(s, 8);
        }
        return !s.isEmpty() && allDigits(s, 10);
    }

    private static boolean allDigits(String s, int radix) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 'f' || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }
}
