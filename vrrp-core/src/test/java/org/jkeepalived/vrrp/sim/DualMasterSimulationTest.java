package org.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.sim.DualMasterLan.S;

import java.util.List;
import java.util.Random;
import org.jkeepalived.vrrp.sim.DualMasterLan.Delivery;
import org.jkeepalived.vrrp.sim.DualMasterLan.Episode;
import org.jkeepalived.vrrp.state.DualMasterEvent.CloseReason;
import org.jkeepalived.vrrp.state.VrrpState;
import org.jkeepalived.vrrp.state.VrrpTimers;
import org.junit.jupiter.api.Test;

/**
 * Dual-master detection on a simulated LAN with a virtual clock (docs/dual-master.md): startup,
 * preemption and a priority-0 handover record nothing; one-way deafness is one long episode on the
 * router that hears the other; a healed partition is one episode on the router that stays MASTER,
 * always with {@code higher_prio_send_advert} and, without it, exactly when the lower-priority
 * master's advert crosses first. Each scenario runs for 40 seeds that shift the routers' start
 * phases; a failure names the seed.
 */
class DualMasterSimulationTest {

    private static final int HIGH = 0;
    private static final int LOW = 1;
    private static final int SEEDS = 40;
    /** v2, 1 s adverts: Master_Down_Interval of priority 150 (HIGH). */
    private static final long MASTER_DOWN_HIGH = VrrpTimers.masterDownNanos(2, 150, 100, 3);

    /** HIGH (150, 192.0.2.1) and LOW (100, 192.0.2.2), started at seeded offsets within one second. */
    private static DualMasterLan startedPair(long seed, boolean higherPrioSendAdvert) {
        Random random = new Random(seed);
        DualMasterLan lan = new DualMasterLan(higherPrioSendAdvert, 150, 100);
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
    void startupAndPreemptionAndHandoverRecordNothing() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (boolean sendAdvert : new boolean[] {false, true}) {
                DualMasterLan lan = new DualMasterLan(sendAdvert, 150, 100);
                lan.start(LOW);
                lan.runUntil(20 * S);
                assertOneMaster(lan, LOW, seed);
                // keepalived-style preemption: HIGH starts, hears LOW, takes over after Master_Down_Interval.
                lan.runUntil(20 * S + phase(seed));
                lan.start(HIGH);
                lan.runUntil(40 * S);
                assertOneMaster(lan, HIGH, seed);
                // Priority-0 handover and back.
                lan.stop(HIGH);
                lan.runUntil(50 * S);
                assertOneMaster(lan, LOW, seed);
                lan.start(HIGH);
                lan.runUntil(80 * S);
                assertOneMaster(lan, HIGH, seed);
                assertThat(lan.episodes).as("seed %d, higher_prio_send_advert %s", seed, sendAdvert).isEmpty();
                assertThat(lan.logLines(HIGH, "dual master") + lan.logLines(LOW, "dual master")).isZero();
                if (sendAdvert) {
                    // The soundness case: LOW's advert at the step-down reaches HIGH inside its window.
                    assertThat(lan.deliveries).as("seed %d", seed)
                            .anyMatch(d -> d.to() == HIGH && d.priority() == 100 && d.receiverState() == VrrpState.MASTER);
                }
            }
        }
        for (long seed = 1; seed <= SEEDS; seed++) {
            DualMasterLan lan = startedPair(seed, false);
            lan.runUntil(60 * S);
            assertOneMaster(lan, HIGH, seed);
            assertThat(lan.episodes).as("startup, seed %d", seed).isEmpty();
        }
    }

    @Test
    void oneWayDeafnessIsOneLongEpisodeOnTheRouterThatHears() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            DualMasterLan lan = startedPair(seed, false);
            lan.runUntil(20 * S);
            lan.cut(HIGH, LOW, true);
            lan.runUntil(80 * S);
            assertThat(lan.router(LOW).state()).as("seed %d: LOW no longer hears HIGH", seed).isEqualTo(VrrpState.MASTER);
            assertThat(lan.router(HIGH).instance.dualMasterPeer()).isEqualTo(lan.router(LOW).address);
            lan.cut(HIGH, LOW, false);
            lan.runUntil(100 * S);
            assertOneMaster(lan, HIGH, seed);

            List<Delivery> seen = lan.deliveries.stream()
                    .filter(d -> d.to() == HIGH && d.from() == LOW && d.receiverState() == VrrpState.MASTER).toList();
            long firstSeen = seen.get(0).at();
            long lastSeen = seen.get(seen.size() - 1).at();
            List<Episode> episodes = lan.episodesOf(HIGH);
            assertThat(episodes).as("seed %d", seed).hasSize(2);
            assertThat(episodes.get(0).at()).isEqualTo(firstSeen);
            assertThat(episodes.get(1).at()).isEqualTo(lastSeen + MASTER_DOWN_HIGH);
            assertThat(episodes.get(1).event().reason()).isEqualTo(CloseReason.PEER_SILENT);
            assertThat(episodes.get(1).event().durationNanos()).isEqualTo(lastSeen - firstSeen);
            // LOW went MASTER one Master_Down_Interval after the cut and was heard until the heal: ~56 s.
            assertThat(lastSeen - firstSeen).isBetween(54 * S, 57 * S);
            assertThat(lan.router(HIGH).instance.stats().dualMasterEpisodes()).isEqualTo(1);
            assertThat(lan.router(HIGH).instance.stats().dualMasterNanos()).isEqualTo(lastSeen - firstSeen);
            assertThat(lan.logLines(HIGH, "dual master detected: 192.0.2.2 also advertises as master"
                    + " (priority 100, ours 150)")).isEqualTo(1);
            assertThat(lan.logLines(HIGH, "dual master ended")).isEqualTo(1);
            assertThat(lan.episodesOf(LOW)).isEmpty();
        }
    }

    @Test
    void aHealedPartitionIsDetectedOnTheStayingMasterWithHigherPrioSendAdvert() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            DualMasterLan lan = startedPair(seed, true);
            lan.runUntil(20 * S);
            lan.partition();
            lan.runUntil(50 * S);
            assertThat(lan.router(LOW).state()).as("seed %d: both MASTER while split", seed).isEqualTo(VrrpState.MASTER);
            long healedAt = lan.now() + phase(seed);
            lan.runUntil(healedAt);
            lan.heal();
            lan.runUntil(70 * S);
            assertOneMaster(lan, HIGH, seed);
            List<Episode> episodes = lan.episodesOf(HIGH);
            assertThat(episodes).as("seed %d", seed).hasSize(2);
            assertThat(episodes.get(0).at() - healedAt).as("seed %d: found within one advert interval", seed)
                    .isBetween(0L, S + 200_000);
            assertThat(episodes.get(1).event().reason()).isEqualTo(CloseReason.PEER_SILENT);
            assertThat(episodes.get(1).event().durationNanos()).isLessThan(S);
            assertThat(lan.episodesOf(LOW)).isEmpty();
            assertThat(lan.router(HIGH).instance.stats().dualMasterEpisodes()).isEqualTo(1);
        }
    }

    @Test
    void withoutHigherPrioSendAdvertAHealedPartitionIsDetectedExactlyWhenTheLowerAdvertCrossesFirst() {
        int detected = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            DualMasterLan lan = startedPair(seed, false);
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
