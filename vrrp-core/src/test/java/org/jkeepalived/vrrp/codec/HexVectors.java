package org.jkeepalived.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads annotated hex vectors from test resources: everything after '#' is a comment. */
final class HexVectors {

    private HexVectors() {
    }

    static byte[] load(String name) {
        String path = "/vectors/" + name + ".hex";
        try (InputStream in = HexVectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + path);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
