package org.jkeepalived.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jkeepalived.config.parse.Keyword;
import org.jkeepalived.config.parse.KeywordDefinitions;
import org.jkeepalived.config.parse.KeywordTable;
import org.jkeepalived.config.parse.Pass;

/**
 * Generates {@code docs/configuration.md}: every keyword of the parser's table
 * ({@link KeywordDefinitions#table()}) with its support status in jkeepalived, its default and the
 * keepalived release that introduced it.
 *
 * <p>The status is derived, not written by hand, except for the few overrides below:
 * <ul>
 * <li>keywords of blocks the VRRP daemon never handles (their root is active only in keepalived's
 *     checker or BFD process) are checked by {@code -t} and not run;</li>
 * <li>keywords the parser stores raw ({@code Handlers::record} in the definition sources) have an
 *     effect only if the daemon reads them from {@code otherSettings()} (found in its sources);</li>
 * <li>other keywords fill typed model fields the daemon uses, except the {@link #OVERRIDES}, each
 *     checked against the daemon's sources when it was written.</li>
 * </ul>
 *
 * <p>Usage: {@code ConfigurationReference REPO_ROOT [OUTPUT]}; without OUTPUT it prints to stdout.
 */
public final class ConfigurationReference {
    /** How far jkeepalived supports a keyword. */
    enum Status {
        ACTED_ON("yes", "parsed and acted on"),
        PARTLY("partly", "parsed; only part of keepalived's behaviour (see the note)"),
        NO_EFFECT("no effect", "parsed and checked as keepalived does, then ignored"),
        CHECKER("-t only (LVS)", "keepalived's checker process (IPVS, health checks): parsed and checked by -t, not run"),
        BFD("-t only (BFD)", "keepalived's BFD process: parsed and checked by -t, not run");

        final String label;
        final String meaning;

        Status(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }
    }

    record Override(Status status, String note) {
    }

    /** Typed keywords the daemon does not act on (fields it never reads), by path prefix. */
    static final Map<String, Override> OVERRIDES = new LinkedHashMap<>();

    static {
        OVERRIDES.put("global_defs > dynamic_interfaces",
                new Override(Status.PARTLY, "relaxes -t's missing-interface check; interfaces created later are not picked up"));
        OVERRIDES.put("vrrp_instance > virtual_routes", new Override(Status.PARTLY,
                "set while MASTER as keepalived does; multipath (nexthop) and encap routes are not installed, "
                        + "tuning options (mtu, advmss, ...) are dropped - both logged at startup"));
        OVERRIDES.put("vrrp_instance > virtual_rules", new Override(Status.PARTLY,
                "set while MASTER as keepalived does; only table-lookup rules (from/to/fwmark/iif/oif selectors) are "
                        + "installed, others are logged at startup"));
        OVERRIDES.put("vrrp_instance > track_bfd", new Override(Status.NO_EFFECT, "BFD is not run"));
        OVERRIDES.put("vrrp_sync_group > track_bfd", new Override(Status.NO_EFFECT, "BFD is not run"));
        OVERRIDES.put("vrrp_instance > auth_hmac", new Override(Status.NO_EFFECT, "keepalived 2.4 HMAC authentication"));
        OVERRIDES.put("static_routes", new Override(Status.PARTLY,
                "installed at startup, diffed on reload, removed at stop; same limits as virtual_routes"));
        OVERRIDES.put("static_rules", new Override(Status.PARTLY,
                "installed at startup, diffed on reload, removed at stop; same limits as virtual_rules"));
        OVERRIDES.put("track_group", new Override(Status.NO_EFFECT, "address track groups are not used"));
        OVERRIDES.put("garp_group", new Override(Status.NO_EFFECT, "per-interface GARP groups are not used"));
        OVERRIDES.put("linkbeat_interfaces", new Override(Status.NO_EFFECT, "link state always comes from netlink"));
        OVERRIDES.put("interface_up_down_delays", new Override(Status.NO_EFFECT, "link changes act at once"));
        OVERRIDES.put("global_defs > vrrp_priority", new Override(Status.PARTLY,
                "nice value of the VRRP event loop thread only (keepalived: the whole VRRP process); "
                + "with neither this nor vrrp_rt_priority: SCHED_RR 1, or nice -10 where real time is refused"));
        OVERRIDES.put("global_defs > vrrp_rt_priority", new Override(Status.PARTLY,
                "SCHED_RR with SCHED_RESET_ON_FORK for the VRRP event loop thread only (keepalived: the whole "
                + "VRRP process); unset and no vrrp_priority: SCHED_RR 1"));
    }

    /** A keyword definition line and its handler: {@code kw("name", ..., Class::method)}. */
    private static final Pattern DEFINITION =
            Pattern.compile("(?:kw|kwActive|block|blockActive)\\(\"([A-Za-z0-9_@.\\-]+)\"[^\\n]*?, (\\w+)::(\\w+)[,)]");
    private static final Pattern DAEMON_READ = Pattern.compile(
            // raw values reach the daemon through otherSettings(); notify scripts through notifyScripts(),
            // which NotificationFactory holds as `configured`
            "(?:otherSettings\\(\\)|notifyScripts\\(\\)|configured)\\.(?:get|containsKey|getOrDefault)\\(\"([a-z0-9_]+)\"");

    private final Set<String> rawKeywords;
    private final Set<String> keysTheDaemonReads;

    ConfigurationReference(Path repoRoot) throws IOException {
        rawKeywords = keywordsStoredRaw(repoRoot.resolve("config-parser/src/main/java/org/jkeepalived/config/parse"));
        keysTheDaemonReads = matches(repoRoot.resolve("daemon/src/main/java"), DAEMON_READ);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: ConfigurationReference REPO_ROOT [OUTPUT]");
        }
        String markdown = new ConfigurationReference(Path.of(args[0])).render(KeywordDefinitions.table());
        if (args.length == 2) {
            Files.writeString(Path.of(args[1]), markdown, StandardCharsets.UTF_8);
        } else {
            System.out.print(markdown);
        }
    }

    Status status(Keyword keyword, Keyword root) {
        if (!root.activeIn().contains(Pass.VRRP) && !root.activeIn().contains(Pass.PARENT)) {
            return root.activeIn().contains(Pass.BFD) ? Status.BFD : Status.CHECKER;
        }
        if (root.name().equals("bfd_instance")) {
            return Status.BFD;
        }
        Override override = override(keyword);
        if (override != null) {
            return override.status();
        }
        if (rawKeywords.contains(keyword.name())) {
            return keysTheDaemonReads.contains(keyword.name()) ? Status.ACTED_ON : Status.NO_EFFECT;
        }
        return Status.ACTED_ON;
    }

    static Override override(Keyword keyword) {
        for (Map.Entry<String, Override> entry : OVERRIDES.entrySet()) {
            if (keyword.path().equals(entry.getKey()) || keyword.path().startsWith(entry.getKey() + " > ")) {
                return entry.getValue();
            }
        }
        return null;
    }

    String render(KeywordTable table) {
        StringBuilder out = new StringBuilder();
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        StringBuilder sections = new StringBuilder();
        for (Keyword root : table.root().keywords()) {
            sections.append("\n## `").append(root.name()).append("`\n\n");
            sections.append("| keyword | support | default | since | note |\n|---|---|---|---|---|\n");
            row(sections, counts, root, root);
            if (root.sub() != null) {
                collect(root, root.sub().keywords(), sections, counts);
            }
        }
        out.append(header(counts));
        out.append(sections);
        return out.toString();
    }

    private void collect(Keyword root, List<Keyword> level, StringBuilder out, Map<Status, Integer> counts) {
        for (Keyword keyword : level) {
            row(out, counts, keyword, root);
            if (keyword.sub() != null) {
                collect(root, keyword.sub().keywords(), out, counts);
            }
        }
    }

    private void row(StringBuilder out, Map<Status, Integer> counts, Keyword keyword, Keyword root) {
        Status status = status(keyword, root);
        counts.merge(status, 1, Integer::sum);
        Override override = override(keyword);
        String note = override != null && status == override.status() ? override.note() : "";
        if (status == Status.NO_EFFECT && note.isEmpty() && rawKeywords.contains(keyword.name())) {
            note = "stored, not read by the daemon";
        }
        out.append("| `").append(cell(keyword.path())).append("` | ").append(status.label).append(" | ")
                .append(cell(keyword.defaultValue() == null ? "" : keyword.defaultValue())).append(" | ")
                .append(keyword.newerThan227() ? keyword.since() : "").append(" | ").append(cell(note)).append(" |\n");
    }

    private static String header(Map<Status, Integer> counts) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration keywords\n\n");
        out.append("<!-- Generated by org.jkeepalived.packaging.ConfigurationReference from the parser's keyword table;\n");
        out.append("     do not edit. Regenerate with:\n");
        out.append("     mvn -B -o -q -pl packaging -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Djkeepalived.regenerate=true -->\n\n");
        out.append("jkeepalived reads keepalived.conf with keepalived 2.2.7's grammar: every keyword below is accepted, "
                + "checked and reported (`jkeepalived -t`) as keepalived 2.2.7 does. What happens next depends on the "
                + "keyword; the *support* column says:\n\n");
        out.append("| support | meaning | keywords |\n|---|---|---|\n");
        for (Status status : Status.values()) {
            out.append("| ").append(status.label).append(" | ").append(status.meaning).append(" | ")
                    .append(counts.getOrDefault(status, 0)).append(" |\n");
        }
        out.append("\n*since* names the keepalived release that added a keyword when it is newer than 2.2.7 "
                + "(accepted by jkeepalived, rejected by keepalived 2.2.7: see compatibility.md). The statuses are "
                + "derived from the keyword table and the daemon's sources; see the generator's Javadoc.\n");
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Keywords whose handler stores the line raw: the handler is {@code Handlers::record}, or its
     * method body (found in the parse package's sources) calls {@code record(}, after checking the
     * arguments as keepalived does. Those values reach only the model's {@code otherSettings()}.
     */
    private static Set<String> keywordsStoredRaw(Path parseSources) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(parseSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                sources.put(name.substring(0, name.length() - ".java".length()),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        // Checker keywords are never run (their status comes from their block), so only the VRRP,
        // global and BFD definitions count. A name defined more than once counts as raw only if
        // every definition stores it raw.
        Map<String, Boolean> rawByName = new LinkedHashMap<>();
        Matcher m = DEFINITION.matcher(sources.get("KeywordDefinitions"));
        while (m.find()) {
            String body = methodBody(sources.get(m.group(2)), m.group(3));
            boolean raw = m.group(2).equals("Handlers") && m.group(3).equals("record") || body.contains("record(");
            rawByName.merge(m.group(1), raw, Boolean::logicalAnd);
        }
        Set<String> raw = new TreeSet<>();
        rawByName.forEach((name, isRaw) -> {
            if (isRaw) {
                raw.add(name);
            }
        });
        return raw;
    }

    /** The text of {@code static void method(} up to the next method-closing brace, or "". */
    private static String methodBody(String source, String method) {
        if (source == null) {
            return "";
        }
        int start = source.indexOf(" void " + method + "(");
        if (start < 0) {
            return "";
        }
        int end = source.indexOf("\n    }\n", start);
        return source.substring(start, end < 0 ? source.length() : end);
    }

    private static Set<String> matches(Path sources, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
