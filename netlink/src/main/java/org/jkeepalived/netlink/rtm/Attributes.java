package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code rtattr}s of one message or nested attribute, by type (masked with 0x3fff, so the
 * NESTED and NET_BYTEORDER flag bits are ignored). The last occurrence of a type wins. Values are
 * views into the message; accessors return {@code null} for an absent attribute. Immutable.
 */
public final class Attributes {
    private static final int TYPE_MASK = 0x3fff;
    private final Map<Integer, ByteBuffer> byType;

    private Attributes(Map<Integer, ByteBuffer> byType) {
        this.byType = byType;
    }

    /**
     * Parses attributes from {@code offset} to the buffer's limit. A malformed attribute
     * (length below 4 or past the end) raises {@link IllegalArgumentException}.
     */
    public static Attributes parse(ByteBuffer buffer, int offset) {
        Map<Integer, ByteBuffer> byType = new HashMap<>();
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        int end = in.limit();
        int at = offset;
        while (end - at >= 4) {
            int length = in.getShort(at) & 0xffff;
            int type = in.getShort(at + 2) & TYPE_MASK;
            if (length < 4 || length > end - at) {
                throw new IllegalArgumentException("malformed attribute at offset " + at
                    + ": rta_len " + length + " with " + (end - at) + " bytes left");
            }
            ByteBuffer value = in.duplicate().position(at + 4).limit(at + length).slice()
                .order(ByteOrder.nativeOrder());
            byType.put(type, value);
            at += (length + 3) & ~3;
        }
        return new Attributes(byType);
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    /** The raw value, position 0, or {@code null}. */
    public ByteBuffer value(int type) {
        ByteBuffer value = byType.get(type);
        return value == null ? null : value.duplicate().order(ByteOrder.nativeOrder());
    }

    public byte[] bytes(int type) {
        ByteBuffer value = value(type);
        if (value == null) {
            return null;
        }
        byte[] out = new byte[value.remaining()];
        value.get(out);
        return out;
    }

    /** A 32-bit host-order value, or {@code fallback} when absent or short. */
    public int u32(int type, int fallback) {
        ByteBuffer value = byType.get(type);
        return value == null || value.remaining() < 4 ? fallback : value.getInt(0);
    }

    /** An 8-bit value, or {@code fallback} when absent. */
    public int u8(int type, int fallback) {
        ByteBuffer value = byType.get(type);
        return value == null || value.remaining() < 1 ? fallback : value.get(0) & 0xff;
    }

    /** A string up to its NUL, or {@code null}. */
    public String string(int type) {
        byte[] raw = bytes(type);
        if (raw == null) {
            return null;
        }
        int length = 0;
        while (length < raw.length && raw[length] != 0) {
            length++;
        }
        return new String(raw, 0, length, StandardCharsets.US_ASCII);
    }

    /** An IPv4 or IPv6 address (4 or 16 bytes, network order), or {@code null}. */
    public InetAddress address(int type) {
        byte[] raw = bytes(type);
        if (raw == null || (raw.length != 4 && raw.length != 16)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The nested attributes inside {@code type}, or an empty set. */
    public Attributes nested(int type) {
        ByteBuffer value = byType.get(type);
        return value == null ? new Attributes(Map.of()) : parse(value, 0);
    }
}
