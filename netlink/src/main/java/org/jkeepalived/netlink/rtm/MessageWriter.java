package org.jkeepalived.netlink.rtm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends netlink messages (header, fixed struct, attributes) to a growing buffer, so many
 * requests can go to the kernel in one {@code send}. Header fields are in host byte order;
 * addresses are written as given (network order). Every message and attribute starts 4-aligned;
 * {@code rta_len} excludes the attribute's padding while {@code nlmsg_len} and a nested
 * attribute's length include it, as iproute2 writes them.
 *
 * <p>Not thread-safe: one writer per batch.
 */
public final class MessageWriter {
    private ByteBuffer buffer;
    private int messageStart = -1;
    private int messageCount;

    public MessageWriter() {
        this(4096);
    }

    public MessageWriter(int initialCapacity) {
        buffer = ByteBuffer.allocate(initialCapacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a message; the length is filled in by {@link #endMessage()}. */
    public MessageWriter beginMessage(int type, int flags, int sequence) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        align();
        messageStart = buffer.position();
        ensure(Rtnl.NLMSG_HDRLEN);
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        return this;
    }

    /** Finishes the current message by writing its {@code nlmsg_len}. */
    public MessageWriter endMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message begun");
        }
        buffer.putInt(messageStart, buffer.position() - messageStart);
        messageStart = -1;
        messageCount++;
        return this;
    }

    public MessageWriter u8(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    public MessageWriter u16(int value) {
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    public MessageWriter u32(int value) {
        ensure(4);
        buffer.putInt(value);
        return this;
    }

    public MessageWriter bytes(byte[] value) {
        ensure(value.length);
        buffer.put(value);
        return this;
    }

    /** An attribute with a raw payload (for addresses: network byte order). */
    public MessageWriter attribute(int type, byte[] payload) {
        align();
        ensure(4 + payload.length);
        buffer.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        align();
        return this;
    }

    public MessageWriter attributeU8(int type, int value) {
        return attribute(type, new byte[] {(byte) value});
    }

    /** A 32-bit attribute in host byte order. */
    public MessageWriter attributeU32(int type, int value) {
        align();
        ensure(8);
        buffer.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    /** A NUL-terminated string attribute. */
    public MessageWriter attributeString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    /** Opens a nested attribute; returns the token to pass to {@link #endNested(int)}. */
    public int beginNested(int type) {
        align();
        ensure(4);
        int start = buffer.position();
        buffer.putShort((short) 0).putShort((short) type);
        return start;
    }

    public MessageWriter endNested(int token) {
        buffer.putShort(token, (short) (buffer.position() - token));
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return buffer.position();
    }

    /** Completed messages so far. */
    public int messageCount() {
        return messageCount;
    }

    /** A read-only view of everything written (position 0, limit = size). */
    public ByteBuffer toBuffer() {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        ByteBuffer view = buffer.duplicate().flip().slice().order(ByteOrder.nativeOrder());
        return view.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** A copy of everything written. */
    public byte[] toByteArray() {
        ByteBuffer view = toBuffer();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private void align() {
        int padding = (4 - (buffer.position() & 3)) & 3;
        ensure(padding);
        for (int i = 0; i < padding; i++) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buffer.remaining() >= more) {
            return;
        }
        int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more + 64);
        ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
        grown.put(buffer.flip());
        buffer = grown;
    }
}
