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
    private boolean exhausted;

    LineSource(Supplier<LogicalLine> producer) {
        this.producer = producer;
    }

    /** Line {@code index}, or null past the end. */
    LogicalLine line(int index) {
        while (index >= recorded.size() && !exhausted) {
            LogicalLine l = producer.get();
            if (l == null || l.tokens().isEmpty()) {
                if (l == null) {
                    exhausted = true;
                }
                continue;
            }
            recorded.add(l);
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
