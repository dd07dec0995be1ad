package org.jkeepalived.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassListTrainerTest {
    private static final String PROXY = "@lambda-proxy a/B handle ()La/H; REF_invokeStatic a/Handlers record";

    @Test
    void mergeKeepsEachLineAsOftenAsTheListThatHasItMostAndDropsComments(@TempDir Path dir) throws IOException {
        Path first = Files.write(dir.resolve("a.classlist"), List.of("# header", "java/lang/Object", "a/B", PROXY, PROXY));
        Path second = Files.write(dir.resolve("b.classlist"), List.of("java/lang/Object", PROXY, "a/C", PROXY, PROXY));
        Path merged = dir.resolve("out/merged.classlist");

        int entries = ClassListTrainer.merge(List.of(first, second), merged);

        List<String> lines = Files.readAllLines(merged);
        assertThat(lines.subList(2, lines.size()))
                .containsExactly("java/lang/Object", "a/B", PROXY, PROXY, PROXY, "a/C");
        assertThat(lines.get(0)).startsWith("# jkeepalived's AppCDS class list");
        assertThat(entries).isEqualTo(6);
    }
}
