package org.jkeepalived.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's training run for the AppCDS class list: jkeepalived runs one VRRP instance (with a
 * track script and a notify script) inside a network namespace private to this run, made by
 * {@code unshare --net}, on a veth pair that exists only there and disappears with it. The run
 * waits for MASTER and a first script result, reloads with SIGHUP, and stops with SIGTERM, each
 * step polled in the daemon's console log with a deadline.
 *
 * <p>Needs root for the namespace. Without root it prints a warning and returns null (the class
 * list then covers the command-line paths only); as root any failure is an error, since it
 * means the daemon no longer starts.
 */
final class DaemonTraining {
    private static final long STEP_TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 50;

    private DaemonTraining() {
    }

    static Path run(ClassListTrainer trainer, Path workDir) throws IOException, InterruptedException {
        if (!isRoot()) {
            System.out.println("[WARNING] not root: the AppCDS class list leaves out the daemon's start-up "
                    + "(its training run needs a private network namespace)");
            return null;
        }
        Path conf = workDir.resolve("daemon-training.conf");
        Files.writeString(conf, PackageResources.resource("daemon-training.conf"), StandardCharsets.UTF_8);
        Path list = workDir.resolve("daemon.classlist");
        Path log = workDir.resolve("daemon.log");
        Files.deleteIfExists(log);
        String setup = "ip link add jkcds0 type veth peer name jkcds1"
                + " && ip address add 192.0.2.1/24 dev jkcds0"
                + " && ip link set jkcds1 up && ip link set jkcds0 up"
                + " && exec \"$0\" \"$@\"";
        List<String> command = List.of("unshare", "--net", "--", "sh", "-c", setup,
                trainer.launcher().toString(), "--dont-fork", "--log-console", "--no-syslog",
                "-f", conf.toString(),
                "--pid=" + workDir.resolve("training.pid"), "--vrrp_pid=" + workDir.resolve("training-vrrp.pid"),
                "--dump-dir=" + workDir);
        Process daemon = trainer.launcherProcess(command, list).start();
        try {
            awaitLog(daemon, log, "(CDS_1) Entering MASTER STATE");
            awaitLog(daemon, log, "VRRP_Script(chk_training) succeeded");
            signal("HUP", daemon.pid());
            awaitLog(daemon, log, "Configuration unchanged");
            daemon.destroy(); // SIGTERM: the daemon's stop path
            if (!daemon.waitFor(STEP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the training daemon did not stop on SIGTERM; see " + log);
            }
            awaitLog(daemon, log, "Stopped");
        } finally {
            if (daemon.isAlive()) {
                daemon.destroyForcibly();
                daemon.waitFor(STEP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        return ClassListTrainer.requireList(list);
    }

    private static void awaitLog(Process daemon, Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!daemon.isAlive() && !text.equals("Stopped")) {
                throw new IllegalStateException("the training daemon exited (" + daemon.exitValue()
                        + ") before logging '" + text + "'; see " + log);
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the training daemon did not log '" + text + "' within "
                + STEP_TIMEOUT_MILLIS + " ms; see " + log);
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    private static boolean isRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[2].equals("0"); // the effective uid
            }
        }
        return false;
    }
}
