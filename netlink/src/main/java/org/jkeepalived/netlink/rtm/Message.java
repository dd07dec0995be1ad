package org.jkeepalived.netlink.rtm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message read from the kernel: its header fields and a view of its payload (the
 * bytes after the 16-byte header, position 0, host byte order). Immutable view; the backing
 * buffer must not be reused while the message is in use.
 *
 * @param type     {@code nlmsg_type}
 * @param flags    {@code nlmsg_flags}
 * @param sequence {@code nlmsg_seq}
 * @param portId   {@code nlmsg_pid}
 * @param payload  the payload, {@code nlmsg_len - 16} bytes
 */
public record Message(int type, int flags, int sequence, int portId, ByteBuffer payload) {

    /**
     * Splits a datagram from the kernel into messages. A truncated or malformed trailing message
     * stops the walk with an {@link IllegalArgumentException} naming the offset.
     */
    public static List<Message> parseAll(ByteBuffer datagram) {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        int offset = in.position();
        int end = in.limit();
        while (end - offset >= Rtnl.NLMSG_HDRLEN) {
            int length = in.getInt(offset);
            if (length < Rtnl.NLMSG_HDRLEN || length > end - offset) {
                throw new IllegalArgumentException(
                    "malformed netlink message at offset " + offset + ": nlmsg_len " + length
                        + " with " + (end - offset) + " bytes left");
            }
            int type = in.getShort(offset + 4) & 0xffff;
            int flags = in.getShort(offset + 6) & 0xffff;
            int sequence = in.getInt(offset + 8);
            int portId = in.getInt(offset + 12);
            ByteBuffer payload = in.duplicate().position(offset + Rtnl.NLMSG_HDRLEN)
                .limit(offset + length).slice().order(ByteOrder.nativeOrder());
            messages.add(new Message(type, flags, sequence, portId, payload));
            offset += (length + 3) & ~3;
        }
        return messages;
    }

    /** For NLMSG_ERROR: the error code (0 = ACK, else a negative errno). */
    public int errorCode() {
        if (type != Rtnl.NLMSG_ERROR || payload.remaining() < 4) {
            throw new IllegalStateException("not an NLMSG_ERROR message");
        }
        return payload.getInt(0);
    }

    /** For NLMSG_ERROR: the sequence number of the request it answers. */
    public int errorRequestSequence() {
        return payload.remaining() >= 4 + Rtnl.NLMSG_HDRLEN ? payload.getInt(4 + 8) : -1;
    }

    /** For NLMSG_ERROR with extended ACK: the kernel's message text, or {@code null}. */
    public String extendedAckMessage() {
        if ((flags & Rtnl.NLM_F_ACK_TLVS) == 0 || payload.remaining() < 4 + Rtnl.NLMSG_HDRLEN) {
            return null;
        }
        int echoedLength = payload.getInt(4);
        int attributesStart = (flags & Rtnl.NLM_F_CAPPED) != 0
            ? 4 + Rtnl.NLMSG_HDRLEN : 4 + ((echoedLength + 3) & ~3);
        if (attributesStart > payload.limit()) {
            return null;
        }
        Attributes attributes = Attributes.parse(payload, attributesStart);
        return attributes.string(Rtnl.NLMSGERR_ATTR_MSG);
    }
}
