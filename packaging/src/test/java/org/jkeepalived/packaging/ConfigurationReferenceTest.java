package org.jkeepalived.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jkeepalived.config.parse.Keyword;
import org.jkeepalived.config.parse.KeywordDefinitions;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is exactly what {@link ConfigurationReference} generates from the current
 * keyword table and daemon sources. When it is stale, regenerate it with
 * {@code mvn -B -o -q -pl packaging -am test -Dtest=ConfigurationReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djkeepalived.regenerate=true} and commit the result.
 */
class ConfigurationReferenceTest {
    private static final Path ROOT = Path.of("..");
    private static final Path DOC = ROOT.resolve("docs/configuration.md");

    @Test
    void theCommittedReferenceIsUpToDate() throws IOException {
        String generated = new ConfigurationReference(ROOT).render(KeywordDefinitions.table());
        if (Boolean.getBoolean("jkeepalived.regenerate")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/configuration.md exists").isRegularFile();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it with mvn -B -o -q -pl packaging -am test "
                        + "-Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Djkeepalived.regenerate=true")
                .isEqualTo(generated);
    }

    @Test
    void everyKeywordIsListedWithAStatus() throws IOException {
        String generated = new ConfigurationReference(ROOT).render(KeywordDefinitions.table());
        for (Keyword keyword : KeywordDefinitions.table().allKeywords()) {
            assertThat(generated).contains("| `" + keyword.path().replace("|", "\\|") + "` | ");
        }
    }

    @Test
    void everyOverrideNamesAKeywordThatExists() {
        Set<String> paths = KeywordDefinitions.table().allKeywords().stream().map(Keyword::path)
                .collect(Collectors.toSet());
        assertThat(paths).containsAll(ConfigurationReference.OVERRIDES.keySet());
    }

    @Test
    void keywordsTheDaemonReadsRawAreActedOnAndOthersStoredRawAreNot() throws IOException {
        ConfigurationReference reference = new ConfigurationReference(ROOT);
        Keyword instance = KeywordDefinitions.table().root().lookup("vrrp_instance");
        Keyword globals = KeywordDefinitions.table().root().lookup("global_defs");
        // log_unknown_vrids is stored raw and read by the daemon; vrrp_higher_prio_send_advert is typed.
        assertThat(reference.status(globals.sub().lookup("log_unknown_vrids"), globals))
                .isEqualTo(ConfigurationReference.Status.ACTED_ON);
        assertThat(reference.status(instance.sub().lookup("virtual_routes"), instance))
                .isEqualTo(ConfigurationReference.Status.PARTLY);
        assertThat(reference.status(instance.sub().lookup("track_bfd"), instance))
                .isEqualTo(ConfigurationReference.Status.NO_EFFECT);
        Keyword virtualServer = KeywordDefinitions.table().root().lookup("virtual_server");
        assertThat(reference.status(virtualServer, virtualServer)).isEqualTo(ConfigurationReference.Status.CHECKER);
        assertThat(List.of(ConfigurationReference.Status.values())).hasSize(5);
    }
}
