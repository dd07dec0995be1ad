package org.jkeepalived.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DeadlineHeapTest {

    private static final class Entry extends Timed {
        final int id;

        Entry(int id) {
            this.id = id;
        }

        @Override
        protected void fire(long nowNanos) {
        }
    }

    @Test
    void pollsEntriesInDeadlineOrderAfterRandomSchedulesMovesAndRemovals() {
        Random random = new Random(42);
        DeadlineHeap heap = new DeadlineHeap();
        List<Entry> entries = new ArrayList<>();
        Map<Entry, Long> expected = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            entries.add(new Entry(i));
        }
        for (int step = 0; step < 20_000; step++) {
            Entry e = entries.get(random.nextInt(entries.size()));
            int op = random.nextInt(10);
            if (op == 0) {
                heap.remove(e);
                expected.remove(e);
            } else if (op == 1) {
                heap.schedule(e, Timed.NEVER);
                expected.remove(e);
            } else {
                long deadline = random.nextInt(1_000_000);
                heap.schedule(e, deadline);
                expected.put(e, deadline);
            }
            assertThat(heap.size()).isEqualTo(expected.size());
        }
        long last = Long.MIN_VALUE;
        int polled = 0;
        Timed t;
        while ((t = heap.pollDue(Long.MAX_VALUE - 1)) != null) {
            Entry e = (Entry) t;
            Long deadline = expected.remove(e);
            assertThat(deadline).as("entry %d was scheduled", e.id).isNotNull();
            assertThat(deadline).as("deadlines come out in order").isGreaterThanOrEqualTo(last);
            last = deadline;
            assertThat(e.deadlineNanos()).isEqualTo(Timed.NEVER);
            polled++;
        }
        assertThat(expected).isEmpty();
        assertThat(polled).isPositive();
    }

    @Test
    void pollDueReturnsOnlyEntriesAtOrBeforeNowInOrder() {
        DeadlineHeap heap = new DeadlineHeap();
        Entry a = new Entry(1);
        Entry b = new Entry(2);
        Entry c = new Entry(3);
        heap.schedule(a, 300);
        heap.schedule(b, 100);
        heap.schedule(c, 200);
        heap.schedule(a, 50); // moved earlier
        assertThat(heap.earliestNanos()).isEqualTo(50);
        assertThat(heap.pollDue(49)).isNull();
        assertThat(heap.pollDue(150)).isSameAs(a);
        assertThat(heap.pollDue(150)).isSameAs(b);
        assertThat(heap.pollDue(150)).isNull();
        assertThat(heap.pollDue(200)).isSameAs(c);
        assertThat(heap.earliestNanos()).isEqualTo(Timed.NEVER);
    }
}
