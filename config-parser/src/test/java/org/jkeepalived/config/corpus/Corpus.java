package org.jkeepalived.config.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.ScriptEnvironment.FileInfo;

/**
 * The shared keepalived-samples corpus and the host the oracle ran on: the two network namespaces
 * of its README and the files/users that mattered for script security (no keepalived_script user;
 * /bin/true, /bin/echo, killall present and root-owned).
 */
final class Corpus {
    static final Path ROOT = locate();

    private Corpus() {
    }

    private static Path locate() {
        String prop = System.getProperty("jkeepalived.shared");
        Path shared = prop != null ? Path.of(prop) : Path.of("../../shared");
        Path p = shared.resolve("corpus/keepalived-samples");
        if (!Files.isDirectory(p)) {
            p = Path.of("../../shared/corpus/keepalived-samples");
        }
        return p.toAbsolutePath().normalize();
    }

    static HostInterfaces ifaces() {
        return HostInterfaces.of(Map.of("lo", List.of("127.0.0.1/8"),
                "eth0", List.of("192.168.200.5/24", "2001:db8::5/64"),
                "eth1", List.of("192.168.201.5/24"), "eth2", List.of(), "eth3", List.of()));
    }

    static HostInterfaces bare() {
        return HostInterfaces.of(Map.of("lo", List.of()));
    }

    static ScriptEnvironment oracleHost() {
        FileInfo dir = new FileInfo(false, true, 0, 0, 0755);
        FileInfo exe = new FileInfo(true, false, 0, 0, 0755);
        Map<String, FileInfo> files = new java.util.HashMap<>();
        for (String d : List.of("/", "/bin", "/usr", "/usr/bin", "/usr/sbin", "/sbin")) {
            files.put(d, dir);
        }
        for (String f : List.of("/bin/true", "/bin/echo", "/bin/bash", "/bin/sh", "/usr/bin/true", "/usr/bin/echo",
                "/usr/bin/killall", "/usr/bin/bash", "/usr/bin/nc", "/usr/bin/pidof", "/bin/pidof")) {
            files.put(f, exe);
        }
        return ScriptEnvironment.fake(Map.of("root", 0, "nobody", 65534), Map.of("root", 0, "nogroup", 65534), files);
    }

    /** Parses a corpus file as keepalived -t -f BASENAME run from the file's directory. */
    static ParseResult parse(String relative, HostInterfaces interfaces, String configId) {
        Path file = ROOT.resolve(relative);
        ParseOptions options = new ParseOptions(configId == null ? "vm" : configId, false, interfaces, oracleHost(),
                file.getParent());
        return ConfigParser.parse(file.getFileName(), options);
    }

    /** Rows of a TSV file without its header. */
    static List<String[]> tsv(String name) {
        try {
            List<String[]> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(ROOT.resolve(name));
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    rows.add(l.split("\t"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct non-empty lines of an expected-output file. */
    static Set<String> expectedLines(String subdir, String fileName) {
        try {
            Set<String> set = new LinkedHashSet<>();
            for (String l : Files.readAllLines(ROOT.resolve("expected-output").resolve(subdir).resolve(fileName))) {
                if (!l.isEmpty()) {
                    set.add(l);
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String outName(String relative) {
        return relative.replace('/', '_');
    }
}
