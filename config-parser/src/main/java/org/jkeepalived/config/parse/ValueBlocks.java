package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;

/** Value blocks without a dedicated model field: their lines are kept raw. */
final class ValueBlocks {
    private ValueBlocks() {
    }

    /** Reads the block and records each line's words, joined, under the keyword. */
    static void raw(ParseState st, LogicalLine line) {
        List<String> lines = new ArrayList<>();
        st.readValueBlock(line, w -> lines.add(String.join(" ", w)));
        Draft target = st.target != null ? st.target : st.drafts().root;
        target.record(line.tokens().get(0), lines);
    }
}
