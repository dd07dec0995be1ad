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

    /**
     * The launcher users run, {@code bin/jkeepalived} of this source tree (system property
     * {@code jkeepalived.launcher} overrides it): it blocks the real-time signals before java starts
     * and enters the {@code -s} namespace, so the tests go through the same path.
     */
    public static Path launcher() {
        Path launcher = Path.of(System.getProperty("jkeepalived.launcher",
                jar().getParent().getParent().getParent().resolve("bin").resolve("jkeepalived").toString()));
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("launcher " + launcher + " not found or not executable");
        }
        return launcher;
    }

    /**
     * The argv that starts jkeepalived with {@code args} through {@link #launcher()}, with the jar
     * and the JVM of this test run, inside {@code ns} when it is not null.
     */
    public static List<String> command(Netns ns, String... args) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(ns.execPrefix());
        }
        String javaHome = System.getProperty("java.home");
        // Short-lived runs: C1 only and class sharing start the JVM fastest.
        argv.addAll(List.of("env", "JKEEPALIVED_JAR=" + jar(), "JAVA_HOME=" + javaHome,
                "JAVA=" + Path.of(javaHome, "bin", "java"), "JKEEPALIVED_JAVA_OPTS=-XX:TieredStopAtLevel=1 -Xshare:auto",
                launcher().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs jkeepalived to completion (at most 60 s) in {@code directory}. */
    public static ProcessResult run(Netns ns, Path directory, String... args) {
        return ProcessResult.run(command(ns, args), directory, Duration.ofSeconds(60));
    }
}
