package org.jkeepalived.daemon.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real {@code jkeepalived} artifact (the shaded jar the build produced, as
 * {@code bin/jkeepalived} runs it) as a child process, optionally inside a network namespace.
 */
public final class Jkeepalived {
    private Jkeepalived() {
    }

    /** The runnable jar: system property {@code jkeepalived.jar}, else {@code target/jkeepalived.jar}. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("jkeepalived.jar", "target/jkeepalived.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runnable jar " + jar + " not built; run the tests with 'mvn verify'");
        }
        return jar;
    }

    /** The argv that starts jkeepalived with {@code args}, inside {@code ns} when it is not null. */
    public static List<String> command(Netns ns, String... args) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(ns.execPrefix());
        }
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Short-lived runs: C1 only and class sharing start the JVM fastest.
        argv.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", jar().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs jkeepalived to completion (at most 60 s) in {@code directory}. */
    public static ProcessResult run(Netns ns, Path directory, String... args) {
        return ProcessResult.run(command(ns, args), directory, Duration.ofSeconds(60));
    }
}
