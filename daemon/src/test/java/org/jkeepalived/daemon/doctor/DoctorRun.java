package org.jkeepalived.daemon.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.ProcessResult;

/**
 * One run of {@code jkeepalived doctor --json} from the shaded jar inside a test namespace, with
 * its report parsed. The report and stderr are kept in the test directory for reading afterwards.
 *
 * @param exitCode the doctor's exit status
 * @param findings the findings as JSON objects (code, severity, subject, message, fix)
 * @param notes    the notes
 * @param raw      stdout and stderr
 */
record DoctorRun(int exitCode, List<Map<String, Object>> findings, List<String> notes, String raw) {

    /** Writes {@code config} to {@code dir/keepalived.conf} and runs the doctor on it in {@code ns}. */
    static DoctorRun run(Netns ns, Path dir, String config, String... extraArgs) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, config, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("doctor", "-f", conf.toString(), "--json"));
            args.addAll(List.of(extraArgs));
            ProcessResult r = ProcessResult.run(Jkeepalived.command(ns, args.toArray(String[]::new)), dir,
                    Duration.ofSeconds(90));
            String raw = "exit " + r.exitCode() + "\n--- stdout\n" + r.stdout() + "--- stderr\n" + r.stderr();
            Files.writeString(dir.resolve("doctor-" + System.nanoTime() + ".out"), raw, StandardCharsets.UTF_8);
            Object parsed;
            try {
                parsed = Json.parse(r.stdout().trim());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("doctor did not print its JSON report: " + raw, e);
            }
            Map<String, Object> report = cast(parsed);
            return new DoctorRun(r.exitCode(), cast(report.get("findings")), cast(report.get("notes")), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The codes found, in report order. */
    List<String> codes() {
        return findings.stream().map(f -> (String) f.get("code")).toList();
    }

    /** The one finding with {@code code}; fails naming the whole report otherwise. */
    Map<String, Object> finding(String code) {
        List<Map<String, Object>> matching = findings.stream().filter(f -> code.equals(f.get("code"))).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + code + " finding, got " + matching.size() + ":\n" + raw);
        }
        return matching.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @Override
    public String toString() {
        return raw;
    }
}
