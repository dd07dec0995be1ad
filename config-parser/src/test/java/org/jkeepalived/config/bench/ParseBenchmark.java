package org.jkeepalived.config.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.ScriptEnvironment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm parse time of a 10,000-instance configuration built like mk_lots.conf (target: under
 * 300 ms). Run with:
 * <pre>
 * mvn -B -q -pl config-parser test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main ParseBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
    @Param({"10000"})
    public int instances;

    @Param({"high"})
    public String configId;

    private Path dir;
    private ParseOptions options;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("jk-bench");
        LotsConfig.write(dir.resolve("lots.conf"), instances);
        options = new ParseOptions(configId, false, LotsConfig.interfaces(instances),
                ScriptEnvironment.fake(Map.of("root", 0), Map.of("root", 0), Map.of()), dir);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("lots.conf"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public ParseResult parse() {
        return ConfigParser.parse(Path.of("lots.conf"), options);
    }
}
