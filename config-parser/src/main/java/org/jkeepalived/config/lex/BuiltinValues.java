package org.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The values of keepalived's built-in definitions: {@code ${_PWD}} (the directory of the file
 * being read, as {@code getcwd} reports it after keepalived changed into it), {@code ${_INSTANCE}}
 * (the config id) and the generator behind {@code ${_RANDOM}}. Not thread-safe.
 */
final class BuiltinValues implements Definitions.Builtins {
    private final IncludeStack files;
    private final String configId;
    private final Random random;

    BuiltinValues(IncludeStack files, String configId, Random random) {
        this.files = files;
        this.configId = configId;
        this.random = random;
    }

    @Override
    public String pwd() {
        Path dir = files.currentDirectory();
        try {
            return dir.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    @Override
    public String instance() {
        return configId;
    }

    @Override
    public long random() {
        return random.nextInt() & 0x7fffffffL;
    }
}
