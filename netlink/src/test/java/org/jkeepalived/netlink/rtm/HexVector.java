package org.jkeepalived.netlink.rtm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Annotated hex vectors: one struct or attribute per line, with a {@code //} comment saying what
 * it is. Everything after {@code //} and all whitespace is ignored. Vectors are for a
 * little-endian host (x86-64, arm64), where netlink headers are little-endian.
 */
final class HexVector {
    private HexVector() {
    }

    static byte[] bytes(String annotated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : annotated.split("\n")) {
            int comment = line.indexOf("//");
            String hex = (comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", "");
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("odd number of hex digits in: " + line);
            }
            for (int i = 0; i < hex.length(); i += 2) {
                out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }

    static ByteBuffer buffer(String annotated) {
        return ByteBuffer.wrap(bytes(annotated)).order(ByteOrder.nativeOrder());
    }

    static String hex(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < data.length; i++) {
            text.append(String.format("%02x", data[i] & 0xff));
            text.append(i % 4 == 3 ? '\n' : ' ');
        }
        return text.toString();
    }
}
