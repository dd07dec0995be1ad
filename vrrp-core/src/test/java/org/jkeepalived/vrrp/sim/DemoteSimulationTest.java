package org.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Planned handover in the deterministic simulation ({@link ScenarioGenerator#generateDemote}):
 * 2 to 4 routers, v2/v3, IPv4/IPv6, multicast/unicast, sometimes sync groups. The demoted master's
 * backup with the highest priority takes over exactly Skew_Time after the priority-0 advert, the
 * demoted router stays BACKUP while others are up, and after the promotion it preempts again;
 * every invariant of {@link Simulation} holds throughout. {@code -Dseed=N} replays one scenario,
 * {@code -Dsim.demoteScenarios=N} changes the count (default 2,000).
 */
class DemoteSimulationTest {

    @Test
    void demotionHandsOverAfterSkewTimeAndPromotionPreemptsAgain() {
        String replay = System.getProperty("seed");
        if (replay != null && !replay.isBlank()) {
            Scenario scenario = ScenarioGenerator.generateDemote(Long.parseLong(replay.trim()));
            System.out.println("replaying demote seed " + replay + ": " + scenario);
            new Simulation(scenario).run();
            return;
        }
        int count = Integer.getInteger("sim.demoteScenarios", 2_000);
        long base = Long.getLong("sim.baseSeed", System.nanoTime() ^ 0x2545F4914F6CDD1DL);
        System.out.println("demote simulation: " + count + " scenarios from base seed " + base);
        AtomicLong transitions = new AtomicLong();
        LongStream.range(0, count).parallel().forEach(i ->
                transitions.addAndGet(new Simulation(ScenarioGenerator.generateDemote(base + i)).run()));
        // At least: first election, the handover and the preemption back.
        assertThat(transitions.get()).isGreaterThanOrEqualTo(3L * count);
    }
}
