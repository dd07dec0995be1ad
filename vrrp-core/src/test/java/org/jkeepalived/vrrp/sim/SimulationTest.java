package org.jkeepalived.vrrp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation: at least 10,000 seeded scenarios per run (CHAOS with loss, delay,
 * jitter, duplication, reordering, partitions, crashes, link flaps, tracker changes and stops;
 * LINK_CUT and PRIORITY_ZERO with exact takeover times; PARTITION with exactly one MASTER on each
 * side while split). Seeds are fresh each run unless
 * {@code -Dsim.baseSeed=N} is given; a failure prints its seed, and {@code -Dseed=N} replays
 * exactly that scenario. {@code -Dsim.scenarios=N} changes the count.
 */
class SimulationTest {

    @Test
    void seededScenariosKeepEveryInvariant() {
        String replay = System.getProperty("seed");
        if (replay != null && !replay.isBlank()) {
            long seed = Long.parseLong(replay.trim());
            Scenario scenario = ScenarioGenerator.generate(seed);
            System.out.println("replaying seed " + seed + ": " + scenario);
            new Simulation(scenario).run();
            return;
        }
        int count = Integer.getInteger("sim.scenarios", 10_000);
        long base = Long.getLong("sim.baseSeed", System.nanoTime() ^ 0x5DEECE66DL);
        System.out.println("simulation: " + count + " scenarios from base seed " + base);
        AtomicLong transitions = new AtomicLong();
        long started = System.nanoTime();
        LongStream.range(0, count).parallel().forEach(i -> {
            long seed = base + i;
            transitions.addAndGet(new Simulation(ScenarioGenerator.generate(seed)).run());
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("simulation: " + count + " scenarios, " + transitions + " transitions, " + millis + " ms");
        assertThat(transitions.get()).isGreaterThan(count);
    }
}
