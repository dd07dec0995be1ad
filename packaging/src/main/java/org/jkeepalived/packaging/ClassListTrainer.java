package org.jkeepalived.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Build step: records the classes jkeepalived loads on its usual paths into one AppCDS class
 * list ({@code -XX:DumpLoadedClassList}), which the package ships and its postinst turns into an
 * archive for the installed JVM ({@code -Xshare:dump}). A JDK 17 archive is bound to the exact
 * JVM build and the jar's absolute path, so the archive itself cannot be made at build time.
 *
 * <p>Training runs, each through the real launcher: {@code --version}, {@code --help},
 * {@code -t} and {@code -t -d} and {@code --dump-conf=json} on an example configuration, and
 * the daemon itself inside a private network namespace ({@code unshare --net}, with one veth
 * pair that exists only there): start, MASTER, a track script, SIGHUP reload, SIGTERM. Nothing
 * leaves that namespace. When the namespace cannot be made (not root), the daemon run is
 * left out with a warning: the archive then covers only the command-line paths.
 *
 * <p>Usage: {@code ClassListTrainer LAUNCHER JAR EXAMPLE_CONF WORK_DIR OUTPUT_CLASSLIST}.
 */
public final class ClassListTrainer {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final long DAEMON_STATE_TIMEOUT_MILLIS = 30_000;

    private final Path launcher;
    private final Path jar;
    private final Path workDir;

    private ClassListTrainer(Path launcher, Path jar, Path workDir) {
        this.launcher = launcher;
        this.jar = jar;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ClassListTrainer LAUNCHER JAR EXAMPLE_CONF WORK_DIR OUTPUT");
        }
        Path jar = Path.of(args[1]);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar " + jar + " is missing; build the daemon module first");
        }
        Path workDir = Path.of(args[3]);
        Files.createDirectories(workDir);
        ClassListTrainer trainer = new ClassListTrainer(Path.of(args[0]), jar, workDir);
        List<Path> lists = trainer.train(Path.of(args[2]));
        int classes = merge(lists, Path.of(args[4]));
        System.out.println("[INFO] AppCDS class list: " + classes + " entries from " + lists.size() + " training runs");
    }

    private List<Path> train(Path exampleConf) throws IOException, InterruptedException {
        List<Path> lists = new ArrayList<>();
        String conf = exampleConf.toString();
        lists.add(runTool("version", "--version"));
        lists.add(runTool("help", "--help"));
        lists.add(runTool("check", "-t", "-f", conf));
        lists.add(runTool("check-dump", "-t", "-d", "-f", conf));
        lists.add(runTool("dump-json", "--dump-conf=json", "-f", conf));
        Path daemonList = DaemonTraining.run(this, workDir);
        if (daemonList != null) {
            lists.add(daemonList);
        }
        return lists;
    }

    /** Runs the launcher with {@code args}, expecting exit status 0; returns its class list. */
    private Path runTool(String name, String... args) throws IOException, InterruptedException {
        Path list = workDir.resolve(name + ".classlist");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process process = launcherProcess(command, list).start();
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("training run '" + name + "' did not finish in " + RUN_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("training run '" + name + "' exited with " + process.exitValue()
                    + "; see " + workDir.resolve(name + ".log"));
        }
        return requireList(list);
    }

    /** A launcher process for this jar that records its loaded classes into {@code list}. */
    ProcessBuilder launcherProcess(List<String> command, Path list) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JKEEPALIVED_JAR", jar.toString());
        builder.environment().put("JKEEPALIVED_JAVA_OPTS", "-Xshare:off -XX:DumpLoadedClassList=" + list);
        String name = list.getFileName().toString().replace(".classlist", "");
        builder.redirectErrorStream(true).redirectOutput(workDir.resolve(name + ".log").toFile());
        return builder;
    }

    Path launcher() {
        return launcher;
    }

    static Path requireList(Path list) throws IOException {
        if (!Files.isRegularFile(list) || Files.size(list) == 0) {
            throw new IllegalStateException("the JVM wrote no class list to " + list);
        }
        return list;
    }

    /**
     * Merges the lists; returns the entry count. A line keeps the highest number of times any one
     * list has it: identical {@code @lambda-proxy} lines stand for different call sites (one per use
     * of the same method reference), and each call site needs its own archived proxy class.
     */
    static int merge(List<Path> lists, Path output) throws IOException {
        Map<String, Integer> multiplicity = new LinkedHashMap<>();
        for (Path list : lists) {
            Map<String, Integer> inThisList = new LinkedHashMap<>();
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    inThisList.merge(line, 1, Integer::sum);
                }
            }
            inThisList.forEach((line, count) -> multiplicity.merge(line, count, Math::max));
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> text = new ArrayList<>();
        text.add("# jkeepalived's AppCDS class list, recorded at package build time by "
                + ClassListTrainer.class.getName() + ".");
        text.add("# postinst dumps it into /var/cache/jkeepalived/jkeepalived.jsa for the installed JVM.");
        multiplicity.forEach((line, count) -> text.addAll(Collections.nCopies(count, line)));
        Files.write(output, text, StandardCharsets.UTF_8);
        return text.size() - 2;
    }
}
