package org.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.sim.DualMasterLan.S;

import java.util.List;
import java.util.Random;
import org.jkeepalived.vrrp.sim.DualMasterLan.Delivery;
import org.jkeepalived.vrrp.sim.DualMasterLan.Episode;
import org.jkeepalived.vrrp.sim.DualMasterLan.StateChange;
import org.jkeepalived.vrrp.state.DualMasterEvent.CloseReason;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.VrrpState;
import org.jkeepalived.vrrp.state.VrrpTimers;
import org.junit.jupiter.api.Test;

/**
 * Dual-master detection on a simulated LAN with a virtual clock (docs/dual-master.md): startup,
 * preemption and a priority-0 handover record nothing; one-way deafness is one long episode on the
 * router that hears the other; a healed two-way partition is exactly one episode on the router
 * that stays MASTER in every seed, whichever advert crosses first, as long as the router that steps
 * down sends its step-down advert (jkeepalived's default {@code dual_master_step_down_advert}, or
 * keepalived's {@code higher_prio_send_advert}). With both off (the opt-out) it is detected exactly
 * when the lower-priority master's advert crosses first. Seeds shift the routers' start phases and
 * the moment of the heal; a failure names the seed.
 */
class DualMasterSimulationTest {

    private static final int HIGH = 0;
    private static final int LOW = 1;
    private static final int SEEDS = 40;
    /** Healed partitions: every seed must give exactly one episode. */
    private static final int HEAL_SEEDS = 250;
    /** v2, 1 s adverts: Master_Down_Interval of priority 150 (HIGH). */
    private static final long MASTER_DOWN_HIGH = VrrpTimers.masterDownNanos(2, 150, 100, 3);
    /** HIGH's in-flight window after its takeover: 1 s + Skew_Time(150). */
    private static final long GRACE_HIGH = S + VrrpTimers.skewNanos(2, 150, 100);
    /** {higher_prio_send_advert, dual_master_step_down_advert} with a step-down advert. */
    private static final boolean[][] STEP_DOWN_ADVERT_SENT = {{false, true}, {true, true}, {true, false}};

    /** HIGH (150, 192.0.2.1) and LOW (100, 192.0.2.2), started at seeded offsets within one second. */
    private static DualMasterLan startedPair(long seed, boolean higherPrioSendAdvert, boolean stepDownAdvert) {
        Random random = new Random(seed);
        DualMasterLan lan = new DualMasterLan(higherPrioSendAdvert, stepDownAdvert, 150, 100);
        long first = random.nextInt(1_000_000) * 1_000L;
        long second = random.nextInt(1_000_000) * 1_000L;
        lan.runUntil(Math.min(first, second));
        lan.start(first <= second ? HIGH : LOW);
        lan.runUntil(Math.max(first, second));
        lan.start(first <= second ? LOW : HIGH);
        return lan;
    }

    /** A point within one advert interval, independent of the start offsets drawn from the same seed. */
    private static long phase(long seed) {
        return new Random(seed * 7919 + 104_729).nextInt(1_000_000) * 1_000L;
    }

    private static void assertOneMaster(DualMasterLan lan, int expected, long seed) {
        assertThat(lan.router(expected).state()).as("seed %d: router %d MASTER", seed, expected)
                .isEqualTo(VrrpState.MASTER);
        assertThat(lan.router(1 - expected).state()).as("seed %d: the other not MASTER", seed)
                .isIn(VrrpState.BACKUP, VrrpState.INIT);
    }

    @Test
    void startupAndPreemptionAndHandoverRecordNothingWithAndWithoutTheStepDownAdvert() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (boolean higherPrioSendAdvert : new boolean[] {false, true}) {
                for (boolean stepDownAdvert : new boolean[] {false, true}) {
                    preemptionAndHandover(seed, higherPrioSendAdvert, stepDownAdvert);
                    DualMasterLan lan = startedPair(seed, higherPrioSendAdvert, stepDownAdvert);
                    lan.runUntil(60 * S);
                    assertOneMaster(lan, HIGH, seed);
                    assertThat(lan.episodes).as("startup, seed %d", seed).isEmpty();
                }
            }
        }
    }

    private static void preemptionAndHandover(long seed, boolean higherPrioSendAdvert, boolean stepDownAdvert) {
        DualMasterLan lan = new DualMasterLan(higherPrioSendAdvert, stepDownAdvert, 150, 100);
        lan.start(LOW);
        lan.runUntil(20 * S);
        assertOneMaster(lan, LOW, seed);
        // keepalived-style preemption: HIGH starts, hears LOW, takes over after Master_Down_Interval.
        lan.runUntil(20 * S + phase(seed));
        lan.start(HIGH);
        lan.runUntil(40 * S);
        assertOneMaster(lan, HIGH, seed);
        // Priority-0 handover and back (a second preemption).
        lan.stop(HIGH);
        lan.runUntil(50 * S);
        assertOneMaster(lan, LOW, seed);
        lan.start(HIGH);
        lan.runUntil(80 * S);
        assertOneMaster(lan, HIGH, seed);
        String run = "seed " + seed + ", higher_prio_send_advert " + higherPrioSendAdvert
                + ", dual_master_step_down_advert " + stepDownAdvert;
        assertThat(lan.episodes).as(run).isEmpty();
        assertThat(lan.logLines(HIGH, "dual master") + lan.logLines(LOW, "dual master")).isZero();
        List<Delivery> stepDownAdverts = lan.deliveries.stream()
                .filter(d -> d.to() == HIGH && d.priority() == 100 && d.receiverState() == VrrpState.MASTER).toList();
        if (higherPrioSendAdvert || stepDownAdvert) {
            // The soundness case: LOW's step-down advert reaches HIGH inside HIGH's in-flight window,
            // once per preemption; HIGH answers it ("forcing new election") and counts nothing.
            assertThat(stepDownAdverts).as(run).hasSize(2);
            for (Delivery stepDown : stepDownAdverts) {
                long takeover = lan.stateChanges.stream()
                        .filter(c -> c.router() == HIGH && c.event() == NotifyEvent.MASTER && c.at() <= stepDown.at())
                        .mapToLong(StateChange::at).max().orElseThrow();
                assertThat(stepDown.at() - takeover).as(run).isLessThan(GRACE_HIGH);
            }
        } else {
            assertThat(stepDownAdverts).as(run).isEmpty();
        }
    }

    @Test
    void oneWayDeafnessIsOneLongEpisodeOnTheRouterThatHears() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (boolean stepDownAdvert : new boolean[] {false, true}) {
                oneWayDeafness(seed, stepDownAdvert);
            }
        }
    }

    private static void oneWayDeafness(long seed, boolean stepDownAdvert) {
        DualMasterLan lan = startedPair(seed, false, stepDownAdvert);
        lan.runUntil(20 * S);
        lan.cut(HIGH, LOW, true);
        lan.runUntil(80 * S);
        assertThat(lan.router(LOW).state()).as("seed %d: LOW no longer hears HIGH", seed).isEqualTo(VrrpState.MASTER);
        assertThat(lan.router(HIGH).instance.dualMasterPeer()).isEqualTo(lan.router(LOW).address);
        lan.cut(HIGH, LOW, false);
        lan.runUntil(100 * S);
        assertOneMaster(lan, HIGH, seed);

        List<Delivery> seen = lan.deliveries.stream()
                .filter(d -> d.to() == HIGH && d.from() == LOW && d.receiverState() == VrrpState.MASTER)
                .filter(d -> d.at() > 20 * S) // not LOW's step-down advert at startup (inside HIGH's window)
                .toList();
        long firstSeen = seen.get(0).at();
        long lastSeen = seen.get(seen.size() - 1).at();
        List<Episode> episodes = lan.episodesOf(HIGH);
        assertThat(episodes).as("seed %d", seed).hasSize(2);
        assertThat(episodes.get(0).at()).isEqualTo(firstSeen);
        assertThat(episodes.get(1).at()).isEqualTo(lastSeen + MASTER_DOWN_HIGH);
        assertThat(episodes.get(1).event().reason()).isEqualTo(CloseReason.PEER_SILENT);
        assertThat(episodes.get(1).event().durationNanos()).isEqualTo(lastSeen - firstSeen);
        // LOW went MASTER one Master_Down_Interval after the cut and was heard until the heal: ~56 s.
        assertThat(lastSeen - firstSeen).isBetween(55 * S, 59 * S);
        if (stepDownAdvert) {
            // The last one heard is LOW's step-down advert, its answer to HIGH's first advert after the heal.
            long highHeardAt = lan.deliveries.stream().filter(d -> d.to() == LOW && d.from() == HIGH && d.at() > 80 * S)
                    .findFirst().orElseThrow().at();
            assertThat(lastSeen).as("seed %d", seed).isEqualTo(highHeardAt + 100_000);
            assertThat(seen.get(seen.size() - 1).priority()).isEqualTo(100);
        }
        assertThat(lan.router(HIGH).instance.stats().dualMasterEpisodes()).isEqualTo(1);
        assertThat(lan.router(HIGH).instance.stats().dualMasterNanos()).isEqualTo(lastSeen - firstSeen);
        assertThat(lan.logLines(HIGH, "dual master detected: 192.0.2.2 also advertises as master"
                + " (priority 100, ours 150)")).isEqualTo(1);
        assertThat(lan.logLines(HIGH, "dual master ended")).isEqualTo(1);
        assertThat(lan.episodesOf(LOW)).isEmpty();
    }

    /**
     * A long partition (30 s of two masters) and a short one (healed within LOW's first
     * {@code interval + Skew_Time} as MASTER, when LOW's takeover advert was lost in the split),
     * each healed at a seeded moment: exactly one episode on HIGH, none on LOW, every seed, and
     * both crossing orders occur.
     */
    @Test
    void aHealedPartitionIsExactlyOneEpisodeOnTheStayingMasterInEverySeed() {
        for (boolean[] flags : STEP_DOWN_ADVERT_SENT) {
            for (boolean shortPartition : new boolean[] {false, true}) {
                int lowerFirst = 0;
                for (long seed = 1; seed <= HEAL_SEEDS; seed++) {
                    lowerFirst += healedPartition(seed, flags[0], flags[1], shortPartition) ? 1 : 0;
                }
                assertThat(lowerFirst).as("both orders occur (short %s)", shortPartition).isBetween(1, HEAL_SEEDS - 1);
            }
        }
    }

    /** One healed partition; returns whether LOW's advert crossed first. */
    private static boolean healedPartition(long seed, boolean higherPrioSendAdvert, boolean stepDownAdvert,
                                           boolean shortPartition) {
        String run = "seed " + seed + ", higher_prio_send_advert " + higherPrioSendAdvert
                + ", dual_master_step_down_advert " + stepDownAdvert + ", short " + shortPartition;
        DualMasterLan lan = startedPair(seed, higherPrioSendAdvert, stepDownAdvert);
        lan.runUntil(20 * S);
        lan.partition();
        long lowMasterAt = lan.runUntilState(LOW, VrrpState.MASTER, 10 * S);
        // Short: heal at a seeded point of LOW's first 1.6 s as MASTER (its window is 1.609 s).
        long healedAt = shortPartition ? lowMasterAt + phase(seed) * 16 / 10 : 50 * S + phase(seed);
        lan.runUntil(healedAt);
        assertThat(lan.router(LOW).state()).as("%s: both MASTER while split", run).isEqualTo(VrrpState.MASTER);
        lan.heal();
        lan.runUntil(healedAt + 20 * S);
        assertOneMaster(lan, HIGH, seed);
        Delivery firstAfterHeal = lan.deliveries.stream().filter(d -> d.at() > healedAt).findFirst().orElseThrow();
        List<Episode> episodes = lan.episodesOf(HIGH);
        assertThat(episodes).as(run).hasSize(2);
        assertThat(episodes.get(0).event().opened()).isTrue();
        assertThat(episodes.get(0).at() - healedAt).as("%s: found within one advert interval", run)
                .isBetween(0L, S + 200_000);
        assertThat(episodes.get(1).event().reason()).isEqualTo(CloseReason.PEER_SILENT);
        assertThat(episodes.get(1).event().durationNanos()).isLessThan(S);
        assertThat(lan.router(HIGH).instance.stats().dualMasterEpisodes()).as(run).isEqualTo(1);
        assertThat(lan.logLines(HIGH, "dual master detected")).as(run).isEqualTo(1);
        assertThat(lan.episodesOf(LOW)).as(run).isEmpty();
        assertThat(lan.router(LOW).instance.stats().dualMasterEpisodes()).isZero();
        return firstAfterHeal.from() == LOW;
    }

    @Test
    void withTheOptOutAHealedPartitionIsDetectedExactlyWhenTheLowerAdvertCrossesFirst() {
        int detected = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            DualMasterLan lan = startedPair(seed, false, false);
            lan.runUntil(20 * S);
            lan.partition();
            lan.runUntil(50 * S + phase(seed));
            long healedAt = lan.now();
            lan.heal();
            lan.runUntil(70 * S);
            assertOneMaster(lan, HIGH, seed);
            Delivery firstAfterHeal = lan.deliveries.stream().filter(d -> d.at() > healedAt).findFirst().orElseThrow();
            boolean lowerFirst = firstAfterHeal.from() == LOW;
            assertThat(lan.episodesOf(HIGH)).as("seed %d, LOW's advert first: %s", seed, lowerFirst)
                    .hasSize(lowerFirst ? 2 : 0);
            assertThat(lan.episodesOf(LOW)).isEmpty();
            detected += lowerFirst ? 1 : 0;
        }
        // Both orders occur over the seeds, so both branches above were exercised.
        assertThat(detected).isBetween(1, SEEDS - 1);
    }
}
