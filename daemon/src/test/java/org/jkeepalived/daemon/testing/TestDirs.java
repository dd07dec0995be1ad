package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-run working directories for scenario tests under {@code target/scenarios/}, kept after the
 * run (configurations, daemon logs, captures, dumps) so a failure can be read afterwards; the
 * build's clean removes them.
 */
public final class TestDirs {
    private TestDirs() {
    }

    /** A new empty directory {@code target/scenarios/NAME-<millis>}. */
    public static Path create(String name) {
        Path dir = Path.of("target", "scenarios", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
