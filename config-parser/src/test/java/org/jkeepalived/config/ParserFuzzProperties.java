package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.jkeepalived.config.parse.Keyword;
import org.jkeepalived.config.parse.KeywordDefinitions;

/**
 * Generated configurations (a valid skeleton with random keyword/value mutations, keywords from
 * the whole keyword table, and random junk) never make {@link ConfigParser#parse} throw, and the
 * exit code is one keepalived can give. Bounded to 3,000 tries (a few seconds).
 */
class ParserFuzzProperties {
    private static final String SKELETON = String.join("\n",
            "global_defs {", " router_id r1", " vrrp_garp_master_delay 3", "}",
            "vrrp_script chk {", " script \"/bin/true arg\"", " interval 2", " weight -2", "}",
            "vrrp_sync_group G {", " group {", "  VI_1", " }", "}",
            "vrrp_instance VI_1 {", " state MASTER", " interface eth0", " virtual_router_id 51", " priority 150",
            " advert_int 1", " authentication {", "  auth_type PASS", "  auth_pass secret", " }",
            " unicast_peer {", "  192.0.2.2 min_ttl 1", " }", " virtual_ipaddress {", "  192.0.2.100/24 dev eth0 label eth0:1",
            " }", " virtual_routes {", "  198.51.100.0/24 via 192.0.2.1 dev eth0", " }",
            " track_script {", "  chk weight 5", " }", " notify \"/bin/true 'a b'\"", "}",
            "virtual_server 192.0.2.10 80 {", " lb_algo rr", " protocol TCP", " real_server 192.0.2.11 80 {",
            "  HTTP_GET {", "   url {", "    path /", "    status_code 200", "   }", "  }", " }", "}",
            "bfd_instance b1 {", " neighbor_ip 192.0.2.3", "}");

    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("jk-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 3000)
    void parseNeverThrowsAndExitCodeIsKeepalivedsOwn(@ForAll("configs") String config) throws IOException {
        byte[] bytes = new byte[config.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) config.charAt(i);
        }
        Files.write(dir.resolve("keepalived.conf"), bytes);
        ParseResult r = ConfigParser.parse(Path.of("keepalived.conf"), Parsed.options(dir));
        if (r.exitCode() == 139) {
            // The one documented keepalived 2.2.7 crash we reproduce in -t (docs/compatibility.md,
            // "keepalived crashes"): an HTTP/SSL_GET checker without a usable url.
            assertThat(r.diagnostics().distinctLines())
                    .anyMatch(l -> l.endsWith("HTTP/SSL_GET checker has no urls specified - ignoring"));
        } else {
            assertThat(r.exitCode()).isIn(0, 2, 4, 5, 6);
        }
        // ConfigParser turns a defect into an "Internal error" diagnostic instead of throwing; none may occur
        assertThat(r.diagnostics().distinctLines()).noneMatch(l -> l.contains("Internal error"));
        assertThat(r.config()).isNotNull();
        assertThat(ConfigDumper.json(r.config())).isNotEmpty();
    }

    @Provide
    Arbitrary<String> configs() {
        List<String> lines = List.of(SKELETON.split("\n"));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, lines.size() - 1), fragment()).as(Mutation::new);
        return mutation.list().ofMaxSize(12).map(ms -> apply(lines, ms));
    }

    private record Mutation(int kind, int at, String text) {
    }

    private static String apply(List<String> skeleton, List<Mutation> mutations) {
        List<String> out = new ArrayList<>(skeleton);
        for (Mutation m : mutations) {
            int at = Math.min(m.at(), Math.max(0, out.size() - 1));
            switch (m.kind()) {
                case 0 -> out.add(at, m.text());
                case 1 -> {
                    if (!out.isEmpty()) {
                        out.remove(at);
                    }
                }
                case 2 -> {
                    if (!out.isEmpty()) {
                        out.set(at, out.get(at) + " " + m.text());
                    }
                }
                case 3 -> {
                    if (!out.isEmpty()) {
                        String[] words = out.get(at).trim().split("\\s+");
                        out.set(at, words[0] + " " + m.text());
                    }
                }
                default -> out.add(at, m.text() + " {");
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static Arbitrary<String> fragment() {
        List<String> keywords = KeywordDefinitions.table().allKeywords().stream().map(Keyword::name).distinct().toList();
        Arbitrary<String> keyword = Arbitraries.of(keywords);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-300, 70000).map(String::valueOf),
                Arbitraries.of("0", "0.5", "1e3", "-", "+", "MASTER", "BACKUP", "true", "off", "192.0.2.1",
                        "2001:db8::1/64", "fe80::1", "300.1.1.1", "eth0", "eth9", "lo", "\"quoted value\"", "'single'",
                        "{", "}", "{ }", "\"", "#comment", "!bang", "$UNDEF", "${X}", "@main", "@^main", "~SEQ(i,1,3)",
                        "weight", "reverse", "dev", "label", "brd", "+", "include nothing*", "\\"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(8));
        return Combinators.combine(keyword, value, value).as((k, v1, v2) -> k + " " + v1 + " " + v2);
    }
}
