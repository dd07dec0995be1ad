package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jkeepalived.daemon.os.LogCapture;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptResult;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.Test;

/** Effective priority and FAULT from mixed trackers, clamping, owners and sync-group pruning. */
class TrackerSetTest {
    private final ScriptRunner runner = new ScriptRunner(new TestLoop());

    private ScriptTracker script(String name) {
        return new ScriptTracker(name, new PreparedScript(List.of("/bin/true"), 0, 0, false, false), 1_000_000_000L, 0,
                1, 1, false, runner, t -> { });
    }

    @Test
    void sumsWeightsOfInterfacesAndScriptsAndFollowsTheirStates() {
        TrackedInterface eth1 = new TrackedInterface("eth1", true);
        ScriptTracker chk = script("chk");
        TrackerSet set = TrackerSet.builder("VI_1", false, false)
                .add(TrackerSet.Kind.INTERFACE, eth1, -30, false)
                .add(TrackerSet.Kind.SCRIPT, chk, 20, false)
                .build();

        assertThat(set.effectivePriority(100)).as("script in INIT adds nothing").isEqualTo(100);
        chk.onResult(new ScriptResult(ScriptResult.Outcome.EXITED, 0));
        assertThat(set.effectivePriority(100)).isEqualTo(120);
        eth1.setUp(false);
        assertThat(set.effectivePriority(100)).isEqualTo(90);
        assertThat(set.inFault()).isFalse();
    }

    @Test
    void clampsToOneAnd254AndNeverTouchesAnOwner() {
        TrackedInterface down = new TrackedInterface("eth1", false);
        TrackedInterface up = new TrackedInterface("eth2", true);
        TrackerSet low = TrackerSet.builder("VI_1", false, false).add(TrackerSet.Kind.INTERFACE, down, -200, false).build();
        TrackerSet high = TrackerSet.builder("VI_1", false, false).add(TrackerSet.Kind.INTERFACE, up, 200, false).build();

        assertThat(low.effectivePriority(100)).isEqualTo(1);
        assertThat(high.effectivePriority(100)).isEqualTo(254);
        assertThat(high.effectivePriority(255)).isEqualTo(255);
    }

    @Test
    void weightZeroSourcesFaultAndNameThemselves() {
        TrackedInterface eth1 = new TrackedInterface("eth1", true);
        ScriptTracker chk = script("chk");
        TrackerSet set = TrackerSet.builder("VI_1", false, false)
                .add(TrackerSet.Kind.INTERFACE, eth1, 0, false)
                .add(TrackerSet.Kind.SCRIPT, chk, 0, false)
                .build();

        assertThat(set.faultingSources()).as("weight-0 script in INIT").containsExactly("chk");
        chk.onResult(new ScriptResult(ScriptResult.Outcome.EXITED, 0));
        assertThat(set.inFault()).isFalse();
        eth1.setUp(false);
        assertThat(set.faultingSources()).containsExactly("eth1");
        assertThat(set.tracks(eth1)).isTrue();
        assertThat(set.tracks(new TrackedInterface("eth1", true))).isFalse();
    }

    @Test
    void aSyncGroupMemberWithoutTrackingWeightPrunesAsKeepalivedDoes() {
        TrackedInterface eth1 = new TrackedInterface("eth1", false);
        ScriptTracker chk = script("chk");
        FileTrackerStub defaultWeightFile = new FileTrackerStub("tf1", 3);
        FileTrackerStub weightedFile = new FileTrackerStub("tf2", 3);
        try (LogCapture log = new LogCapture(TrackerSet.class)) {
            TrackerSet set = TrackerSet.builder("VI_1", true, false)
                    .add(TrackerSet.Kind.INTERFACE, eth1, 10, false)
                    .add(TrackerSet.Kind.SCRIPT, chk, 5, false)
                    .add(TrackerSet.Kind.FILE, defaultWeightFile, 1, false)
                    .add(TrackerSet.Kind.FILE, weightedFile, 4, false)
                    .build();

            assertThat(set.entries()).extracting(TrackerSet.Entry::source).containsExactly(eth1, defaultWeightFile);
            assertThat(set.entries()).extracting(TrackerSet.Entry::weight).containsExactly(0, 0);
            assertThat(set.faultingSources()).containsExactly("eth1", "tf1");
            assertThat(log.lines()).containsExactly(
                    "(VI_1) ignoring eth1 tracked interface weight due to SYNC group",
                    "(VI_1) ignoring tracked script chk with weights due to SYNC group",
                    "(VI_1) ignoring weight from tracked file tf1 due to SYNC group. specify weight 0",
                    "(VI_1) ignoring tracked file tf2 with weight 4 due to SYNC group");
        }
    }

    @Test
    void anAddressOwnerDropsWeightedInterfaces() {
        try (LogCapture log = new LogCapture(TrackerSet.class)) {
            TrackerSet set = TrackerSet.builder("VI_1", false, true)
                    .add(TrackerSet.Kind.INTERFACE, new TrackedInterface("eth1", false), 10, false)
                    .build();
            assertThat(set.entries()).isEmpty();
            assertThat(log.lines()).containsExactly("(VI_1) ignoring eth1 tracked interface due to address owner");
        }
    }

    /** A file source with a fixed value, so the pruning test needs no file. */
    private static final class FileTrackerStub implements TrackedSource {
        private final String name;
        private final long value;

        FileTrackerStub(String name, long value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int contribution(int weight, boolean reverse) {
            return (int) (value * weight * (reverse ? -1 : 1));
        }

        @Override
        public boolean faults(int weight, boolean reverse) {
            return weight == 0 && (value == 0) == reverse;
        }
    }
}
