package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jkeepalived.config.lex.LogicalLine;

/**
 * The logical lines of the configuration by index. The parent pass pulls them from the lexer on
 * demand (so include_check and random_seed act on the lines after them) and records them; the
 * children re-read the recording, as keepalived's children read the parent's consolidated copy.
 */
final class LineSource {
    private final List<LogicalLine> recorded = new ArrayList<>();
    private final Supplier<LogicalLine> producer;
    private final org.jkeepalived.config.Diagnostics diagnostics;
    /** For each recorded line: the index in the diagnostics where the lexer's messages for it start. */
    private final List<Integer> diagnosticsBefore = new ArrayList<>();
    private boolean exhausted;

    LineSource(Supplier<LogicalLine> producer, org.jkeepalived.config.Diagnostics diagnostics) {
        this.producer = producer;
        this.diagnostics = diagnostics;
    }

    /**
     * The lexer's messages reported while reading the lines after {@code index} (reading a line
     * may report messages about it, e.g. {@code Extra '}' found}).
     */
    List<org.jkeepalived.config.Diagnostic> lexerMessagesAfter(int index) {
        if (index + 1 >= diagnosticsBefore.size()) {
            return List.of();
        }
        int from = diagnosticsBefore.get(index + 1);
        int to = diagnostics.all().size();
        return from < to ? List.copyOf(diagnostics.all().subList(from, to)) : List.of();
    }

    /** Line {@code index}, or null past the end. */
    LogicalLine line(int index) {
        while (index >= recorded.size() && !exhausted) {
            int before = diagnostics.all().size();
            LogicalLine l = producer.get();
            if (l == null || l.tokens().isEmpty()) {
                if (l == null) {
                    exhausted = true;
                }
                continue;
            }
            recorded.add(l);
            diagnosticsBefore.add(before);
        }
        return index < recorded.size() ? recorded.get(index) : null;
    }

    /** Reads everything still unread (so later passes see the whole file). */
    void drain() {
        line(Integer.MAX_VALUE - 1);
    }

    int size() {
        return recorded.size();
    }
}
