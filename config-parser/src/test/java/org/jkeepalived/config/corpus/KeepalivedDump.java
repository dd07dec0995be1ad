package org.jkeepalived.config.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads keepalived's own {@code -d} dump (expected-output/dump/*.dump): the "Global definitions"
 * key/value lines, each "VRRP Instance" with its key/value lines and indented lists, and the sync
 * groups with their members.
 */
final class KeepalivedDump {
    /** One dumped instance: "Key = value" entries and the lists under "Title:" headers. */
    record Instance(String name, Map<String, String> values, Map<String, List<String>> lists) {
    }

    final Map<String, String> globals = new LinkedHashMap<>();
    final List<Instance> instances = new ArrayList<>();
    final Map<String, List<String>> syncGroups = new LinkedHashMap<>();

    static KeepalivedDump read(Path file) {
        try {
            KeepalivedDump d = new KeepalivedDump();
            d.parse(Files.readAllLines(file));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void parse(List<String> lines) {
        String section = "";
        Instance current = null;
        String list = null;
        String group = null;
        for (String line : lines) {
            if (line.startsWith("------<")) {
                section = line;
                current = null;
                continue;
            }
            if (section.contains("Global definitions") && line.startsWith(" ") && line.contains(" = ")) {
                int eq = line.indexOf(" = ");
                globals.putIfAbsent(line.substring(1, eq), line.substring(eq + 3));
            } else if (section.contains("VRRP Topology")) {
                if (line.startsWith(" VRRP Instance = ")) {
                    current = new Instance(line.substring(17), new LinkedHashMap<>(), new LinkedHashMap<>());
                    instances.add(current);
                    list = null;
                } else if (current != null && line.startsWith("     ") && list != null) {
                    current.lists().get(list).add(line.strip());
                } else if (current != null && line.startsWith("   ")) {
                    String t = line.strip();
                    if (t.endsWith(":") || t.matches("Virtual IP \\(\\d+\\):")) {
                        list = t.replaceAll(" \\(\\d+\\)", "").replace(" :", "").replace(":", "");
                        current.lists().put(list, new ArrayList<>());
                    } else {
                        list = null;
                        int eq = t.indexOf(" = ");
                        if (eq > 0) {
                            current.values().put(t.substring(0, eq), t.substring(eq + 3));
                        }
                    }
                }
            } else if (section.contains("VRRP Sync groups")) {
                if (line.startsWith(" VRRP Sync Group = ")) {
                    group = line.substring(19, line.indexOf(','));
                    syncGroups.put(group, new ArrayList<>());
                } else if (group != null && line.startsWith("     ")) {
                    syncGroups.get(group).add(line.strip());
                }
            }
        }
    }
}
