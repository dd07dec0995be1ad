package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction of the jffi and JNA stubs and the check that decides whether a daemon uses them.
 * The jars here are made by the test, with this platform's entry names and made-up contents, so
 * nothing is loaded; NativeStubsIT shows a real daemon mapping the real stubs.
 */
class NativeLibrariesTest {
    @TempDir
    Path dir;

    private Path jar(String name, String jffiBytes, String jnaBytes) throws IOException {
        Path jar = dir.resolve(name);
        List<NativeLibraries.Stub> stubs = NativeLibraries.stubs();
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("org/example/Other.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.putNextEntry(new ZipEntry(stubs.get(0).entry()));
            zip.write(jffiBytes.getBytes());
            zip.putNextEntry(new ZipEntry(stubs.get(1).entry()));
            zip.write(jnaBytes.getBytes());
        }
        return jar;
    }

    @Test
    void theStubsAreTheLibrariesOwnEntriesForThisPlatform() throws IOException {
        List<NativeLibraries.Stub> stubs = NativeLibraries.stubs();
        assertThat(stubs).extracting(NativeLibraries.Stub::fileName).containsExactly("libjffi-1.2.so", "libjnidispatch.so");
        // The real jar on this test's class path has both entries (the jffi native jar and JNA).
        for (NativeLibraries.Stub stub : stubs) {
            assertThat(NativeLibraries.class.getClassLoader().getResource(stub.entry())).as(stub.entry()).isNotNull();
        }
        assertThat(NativeLibraries.jffiPlatform()).isIn("x86_64-Linux", "aarch64-Linux");
    }

    @Test
    void extractedStubsMatchingTheJarAreUsed() throws IOException {
        Path jar = jar("a.jar", "jffi stub", "jna stub");
        Path natives = dir.resolve("native");

        assertThat(NativeLibraries.extract(jar, natives)).hasSize(2);

        assertThat(Files.readString(natives.resolve("libjffi-1.2.so"))).isEqualTo("jffi stub");
        assertThat(Files.readString(natives.resolve("libjnidispatch.so"))).isEqualTo("jna stub");
        try (var listing = Files.list(natives)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no partial files left").containsExactlyInAnyOrder("libjffi-1.2.so", "libjnidispatch.so",
                            NativeLibraries.MANIFEST);
        }
        assertThat(NativeLibraries.settings(natives, jar)).isEqualTo(Map.of(
                "jffi.boot.library.path", natives.toString(),
                "jna.boot.library.path", natives.toString(),
                "jna.nounpack", "true"));
    }

    @Test
    void stubsExtractedFromAnotherJarFileAreNotUsed() throws IOException {
        Path jar = jar("a.jar", "jffi stub", "jna stub");
        Path natives = dir.resolve("native");
        NativeLibraries.extract(jar, natives);

        // An upgrade or a rebuild replaces the jar: until the stubs are extracted again, the
        // libraries unpack their own (the stubs might be another version's).
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(NativeLibraries.settings(natives, jar)).isEmpty();
        assertThat(NativeLibraries.settings(natives, jar("b.jar", "jffi stub", "jna stub 2"))).isEmpty();

        NativeLibraries.extract(jar, natives);
        assertThat(NativeLibraries.settings(natives, jar)).hasSize(3);
    }

    @Test
    void aDamagedOrMissingCopyIsNotUsed() throws IOException {
        Path jar = jar("a.jar", "jffi stub", "jna stub");
        Path natives = dir.resolve("native");
        NativeLibraries.extract(jar, natives);
        Files.writeString(natives.resolve("libjffi-1.2.so"), "jffi stu"); // truncated

        assertThat(NativeLibraries.settings(natives, jar)).as("JNA's stub is still whole")
                .containsOnlyKeys("jna.boot.library.path", "jna.nounpack");

        Files.delete(natives.resolve("libjnidispatch.so"));
        assertThat(NativeLibraries.settings(natives, jar)).isEmpty();
    }

    @Test
    void noManifestOrNoDirectoryMeansNoSettings() throws IOException {
        Path jar = jar("a.jar", "jffi stub", "jna stub");
        Path natives = dir.resolve("native");
        NativeLibraries.extract(jar, natives);
        Files.delete(natives.resolve(NativeLibraries.MANIFEST));

        assertThat(NativeLibraries.settings(natives, jar)).isEmpty();
        assertThat(NativeLibraries.settings(dir.resolve("absent"), jar)).isEmpty();
        assertThat(NativeLibraries.settings(natives, dir.resolve("absent.jar"))).isEmpty();
    }

    @Test
    void aJarWithoutTheStubsExtractsNothingButAManifest() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("org/example/Other.class"));
            zip.write(new byte[] {1});
        }
        Path natives = dir.resolve("native");

        assertThat(NativeLibraries.extract(jar, natives)).isEmpty();
        assertThat(NativeLibraries.settings(natives, jar)).isEmpty();
    }
}
