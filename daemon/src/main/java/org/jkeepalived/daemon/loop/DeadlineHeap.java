package org.jkeepalived.daemon.loop;

import java.util.Arrays;

/**
 * An indexed binary min-heap of {@link Timed} entries by deadline. {@link #schedule} inserts,
 * moves or (with {@link Timed#NEVER}) removes an entry in O(log n) without allocating once the
 * backing array has grown. Ties fire in no particular order. Not thread-safe: loop thread only.
 */
public final class DeadlineHeap {
    private Timed[] heap = new Timed[16];
    private int size;

    /** Sets {@code entry}'s deadline; {@link Timed#NEVER} removes it. */
    public void schedule(Timed entry, long deadlineNanos) {
        if (deadlineNanos == Timed.NEVER) {
            remove(entry);
            return;
        }
        if (entry.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            entry.deadlineNanos = deadlineNanos;
            entry.heapIndex = size;
            heap[size++] = entry;
            siftUp(entry.heapIndex);
            return;
        }
        long old = entry.deadlineNanos;
        entry.deadlineNanos = deadlineNanos;
        if (deadlineNanos < old) {
            siftUp(entry.heapIndex);
        } else if (deadlineNanos > old) {
            siftDown(entry.heapIndex);
        }
    }

    public void remove(Timed entry) {
        int i = entry.heapIndex;
        if (i < 0) {
            return;
        }
        Timed last = heap[--size];
        heap[size] = null;
        entry.heapIndex = -1;
        entry.deadlineNanos = Timed.NEVER;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    /** The earliest deadline, or {@link Timed#NEVER} when empty. */
    public long earliestNanos() {
        return size == 0 ? Timed.NEVER : heap[0].deadlineNanos;
    }

    /** Removes and returns the earliest entry if its deadline is at or before {@code nowNanos}. */
    public Timed pollDue(long nowNanos) {
        if (size == 0 || heap[0].deadlineNanos > nowNanos) {
            return null;
        }
        Timed first = heap[0];
        remove(first);
        return first;
    }

    public int size() {
        return size;
    }

    private void siftUp(int i) {
        Timed e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timed p = heap[parent];
            if (p.deadlineNanos <= e.deadlineNanos) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        Timed e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadlineNanos < heap[child].deadlineNanos) {
                child = right;
            }
            if (e.deadlineNanos <= heap[child].deadlineNanos) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
