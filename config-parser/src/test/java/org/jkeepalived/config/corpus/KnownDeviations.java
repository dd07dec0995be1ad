package org.jkeepalived.config.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Corpus cases where jkeepalived knowingly differs from keepalived 2.2.7, each pointing at its entry
 * in docs/compatibility.md (the test fails if the entry disappears).
 */
final class KnownDeviations {
    /** case key → the heading anchor text in docs/compatibility.md. */
    private static final Map<String, String> CASES = Map.of();

    private KnownDeviations() {
    }

    static boolean isKnown(String key) {
        return CASES.containsKey(key);
    }

    static boolean documented(String key) {
        try {
            Path doc = Path.of("../docs/compatibility.md");
            return Files.readString(doc).contains(CASES.get(key));
        } catch (IOException e) {
            return false;
        }
    }
}
