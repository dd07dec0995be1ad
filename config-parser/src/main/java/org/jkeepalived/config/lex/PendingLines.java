package org.jkeepalived.config.lex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The lines keepalived 2.2.7 has queued besides the files: active {@code ~SEQ}/{@code ~LST}
 * generators ({@code seq_list}) and the rest of multi-line definition values being expanded
 * ({@code next_ptr} and its stack), with keepalived's rule for which comes first: a generator's
 * next value waits while a multi-line expansion started at the current generator depth is running
 * ({@code seq_list_count > multiline_seq_depth}, compared unsigned as in C).
 *
 * <p>{@code seq_list_count} is kept apart from the list's size because keepalived decrements it
 * for every rejected {@code ~LST} although it never counted it, so it can wrap below zero and
 * stall generators; that is reproduced.
 *
 * <p>Not thread-safe: part of one {@link ConfigLexer}.
 */
final class PendingLines implements Definitions.MultilineHooks {
    /** Active generators; the last one produces the next line. */
    private final List<Sequences.Generator> generators = new ArrayList<>();
    private int seqListCount;
    /** Generators wait while the count is not above this (a multi-line expansion runs first). */
    private int multilineSeqDepth;
    /** The rest of the multi-line definition being expanded ({@code next_ptr}). */
    private Definitions.Cursor multilineNext;
    private final Deque<Saved> multilineStack = new ArrayDeque<>();

    private record Saved(Definitions.Cursor cursor, int seqDepth) {
    }

    /** True when anything is queued. */
    boolean any() {
        return !generators.isEmpty() || multilineNext != null;
    }

    /** True when a generator's next value is the next line. */
    boolean generatorDue() {
        return !generators.isEmpty() && Integer.compareUnsigned(seqListCount, multilineSeqDepth) > 0;
    }

    boolean multilinePending() {
        return multilineNext != null;
    }

    Definitions.Cursor multilineNext() {
        return multilineNext;
    }

    void setMultilineNext(Definitions.Cursor cursor) {
        multilineNext = cursor;
    }

    void addGenerator(Sequences.Generator generator) {
        generators.add(generator);
        seqListCount++;
    }

    /** keepalived's bookkeeping slip for a rejected ~LST. */
    void listRejected() {
        seqListCount--;
    }

    /** Sets the last generator's variable(s) to its next value and returns its text. */
    String nextGenerated(Definitions definitions) {
        Sequences.Generator gen = generators.get(generators.size() - 1);
        boolean done;
        if (!gen.isList()) {
            definitions.set(gen.variable, gen.hex ? Long.toHexString(gen.next) : Long.toString(gen.next));
            long following = gen.next + gen.step;
            boolean overflow = ((gen.next ^ following) & (gen.step ^ following)) < 0;
            gen.next = following;
            done = overflow || (gen.step > 0 && gen.next > gen.last) || (gen.step < 0 && gen.next < gen.last);
        } else {
            List<String> values = gen.valueSets.get(gen.nextSet);
            for (int i = 0; i < gen.listVariables.size(); i++) {
                definitions.set(gen.listVariables.get(i), values.get(i));
            }
            done = ++gen.nextSet >= gen.valueSets.size();
        }
        if (done) {
            generators.remove(generators.size() - 1);
            seqListCount--;
        }
        return gen.text;
    }

    /** The next line of the multi-line value being expanded. */
    String nextMultilinePiece() {
        Definitions.Cursor cursor = multilineNext;
        String value = cursor.text();
        int end = value.indexOf(Definitions.LINE_END, cursor.pos());
        if (end < 0) {
            Saved saved = multilineStack.pollLast();
            if (saved != null) {
                multilineNext = saved.cursor();
                multilineSeqDepth = saved.seqDepth();
            } else {
                multilineNext = null;
                multilineSeqDepth = 0;
            }
            return value.substring(Math.min(cursor.pos(), value.length()));
        }
        multilineNext = new Definitions.Cursor(value, end + 1);
        return value.substring(cursor.pos(), end);
    }

    /** Drops everything queued. */
    void clear() {
        generators.clear();
        seqListCount = 0;
        multilineNext = null;
        multilineStack.clear();
        multilineSeqDepth = 0;
    }

    @Override
    public void pushMultiline(Definitions.Cursor cursor) {
        multilineStack.addLast(new Saved(cursor, multilineSeqDepth));
    }

    @Override
    public void startMultiline() {
        multilineSeqDepth = seqListCount;
    }
}
