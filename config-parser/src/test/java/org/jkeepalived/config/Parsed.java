package org.jkeepalived.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper: parse a configuration text as keepalived -t -f keepalived.conf in a fake host. */
public final class Parsed {
    private Parsed() {
    }

    /** A host with lo, eth0 (192.0.2.5/24) and eth1; no keepalived_script user; /bin/true exists. */
    public static ParseOptions options(Path dir) {
        ScriptEnvironment.FileInfo d = new ScriptEnvironment.FileInfo(false, true, 0, 0, 0755);
        ScriptEnvironment.FileInfo x = new ScriptEnvironment.FileInfo(true, false, 0, 0, 0755);
        ScriptEnvironment env = ScriptEnvironment.fake(Map.of("root", 0), Map.of("root", 0),
                Map.of("/", d, "/bin", d, "/bin/true", x));
        HostInterfaces ifs = HostInterfaces.of(Map.of("lo", List.of("127.0.0.1/8"), "eth0", List.of("192.0.2.5/24"),
                "eth1", List.of()));
        return new ParseOptions("main", false, ifs, env, dir);
    }

    public static ParseResult text(Path dir, String config) {
        try {
            Files.writeString(dir.resolve("keepalived.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigParser.parse(Path.of("keepalived.conf"), options(dir));
    }
}
