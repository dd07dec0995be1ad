package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jkeepalived.netlink.rtm.Message;
import org.jkeepalived.netlink.rtm.MessageWriter;
import org.jkeepalived.netlink.rtm.Rtnl;

/**
 * One NETLINK_ROUTE socket: batched requests whose every ACK is checked, multipart dumps, and
 * (with multicast groups) a monitor's event stream. Receives wake up at least every
 * {@code receiveTimeoutMillis}, so callers can bound their waits and stop a monitor thread.
 *
 * <p>Not thread-safe: one thread uses a socket at a time.
 */
final class NetlinkSocket implements AutoCloseable {
    /** A batch or dump that gets no complete answer in this time fails instead of hanging. */
    static final long ANSWER_DEADLINE_NANOS = 5_000_000_000L;
    private static final int NLM_F_DUMP_INTR = 0x10;
    private static final int RECEIVE_BUFFER_BYTES = 256 * 1024;
    private static final int MAX_DUMP_ATTEMPTS = 5;

    private final Native nativeCalls = Native.get();
    private final int fd;
    private final ByteBuffer receiveBuffer =
        ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder());
    private ByteBuffer sendBuffer = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.nativeOrder());
    private int sequence = (int) (System.nanoTime() & 0x3fffffff);
    private volatile boolean closed;

    /**
     * Opens and binds a socket.
     *
     * @param groups               RTMGRP_* bits to subscribe to (0 for a request socket)
     * @param kernelBufferBytes    SO_RCVBUF/SO_SNDBUF to ask for (forced past rmem_max when root)
     * @param receiveTimeoutMillis how long one receive may block
     */
    NetlinkSocket(int groups, int kernelBufferBytes, int receiveTimeoutMillis) throws IOException {
        fd = nativeCalls.socket(Native.AF_NETLINK, Native.SOCK_RAW, Native.NETLINK_ROUTE);
        try {
            setBuffer(Native.SO_RCVBUFFORCE, Native.SO_RCVBUF, kernelBufferBytes, "SO_RCVBUF");
            setBuffer(Native.SO_SNDBUFFORCE, Native.SO_SNDBUF, kernelBufferBytes, "SO_SNDBUF");
            optional(Native.NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
            optional(Native.NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
            nativeCalls.setReceiveTimeout(fd, receiveTimeoutMillis);
            ByteBuffer address = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            address.putShort(0, (short) Native.AF_NETLINK).putInt(4, 0).putInt(8, groups);
            nativeCalls.bind(fd, address);
        } catch (IOException | RuntimeException e) {
            nativeCalls.close(fd);
            throw e;
        }
    }

    /** The receive buffer size the kernel granted, in bytes. */
    int receiveBufferBytes() throws IOException {
        return nativeCalls.getIntOption(fd, Native.SOL_SOCKET, Native.SO_RCVBUF, "SO_RCVBUF");
    }

    int nextSequence() {
        sequence = (sequence + 1) & 0x7fffffff;
        return sequence;
    }

    /** Sends everything in {@code batch} in one datagram. */
    void send(MessageWriter batch) throws IOException {
        ByteBuffer bytes = batch.toBuffer();
        int length = bytes.remaining();
        if (sendBuffer.capacity() < length) {
            sendBuffer = ByteBuffer.allocateDirect(Math.max(length, sendBuffer.capacity() * 2))
                .order(ByteOrder.nativeOrder());
        }
        sendBuffer.clear();
        sendBuffer.put(bytes).flip(); // jnr-ffi passes the address of the buffer's position
        long sent = nativeCalls.send(fd, sendBuffer, length);
        if (sent != length) {
            throw new IOException("send: netlink accepted " + sent + " of " + length + " bytes");
        }
    }

    /**
     * Receives one datagram and splits it into messages, or returns an empty list when the
     * receive timeout expired. ENOBUFS (events lost) is thrown as a {@link Native.NativeException}.
     */
    List<Message> receive() throws IOException {
        long read = nativeCalls.recv(fd, receiveBuffer);
        if (read < 0) {
            return List.of();
        }
        byte[] copy = new byte[(int) read];
        receiveBuffer.get(0, copy);
        return Message.parseAll(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()));
    }

    /**
     * Throws away everything queued on the socket without blocking, and returns how many
     * datagrams that was. Emptying the queue also clears the kernel's "congested" mark, so the
     * next overflow is reported again.
     */
    int drain() throws IOException {
        int datagrams = 0;
        for (int i = 0; i < 1_000_000; i++) {
            try {
                if (nativeCalls.recv(fd, receiveBuffer, Native.MSG_DONTWAIT) < 0) {
                    break;
                }
            } catch (Native.NativeException e) {
                if (e.errno() != Native.ENOBUFS) {
                    throw e;
                }
            }
            datagrams++;
        }
        return datagrams;
    }

    /**
     * Sends a batch of ACK-requesting messages in one datagram and waits for every ACK.
     *
     * @param batch        the requests; each has {@code NLM_F_ACK} and a sequence in {@code what}
     * @param what         sequence → description for error messages (its {@code toString}, rendered
     *                     only for a refused request), in batch order
     * @param tolerated    errnos that count as success (e.g. EADDRNOTAVAIL when deleting)
     * @return the descriptions of the requests refused with a tolerated errno, in batch order
     * @throws IOException listing every request the kernel refused
     */
    List<Object> requestAcks(MessageWriter batch, Map<Integer, ?> what, Set<Integer> tolerated)
            throws IOException {
        send(batch);
        Map<Integer, Object> pending = new LinkedHashMap<>(what);
        List<String> failures = new ArrayList<>();
        List<Object> toleratedRefusals = List.of();
        long deadline = System.nanoTime() + ANSWER_DEADLINE_NANOS;
        while (!pending.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                failures.add(pending.size() + " request(s) unanswered, first: " + pending.values().iterator().next());
                break;
            }
            for (Message message : receive()) {
                if (message.type() != Rtnl.NLMSG_ERROR) {
                    continue;
                }
                Object description = pending.remove(message.sequence());
                int errno = -message.errorCode();
                if (description != null && errno != 0 && tolerated.contains(errno)) {
                    if (toleratedRefusals.isEmpty()) {
                        toleratedRefusals = new ArrayList<>();
                    }
                    toleratedRefusals.add(description);
                } else if (description != null && errno != 0) {
                    String detail = message.extendedAckMessage();
                    failures.add(description + ": " + nativeCalls.describe(errno) + " (errno " + errno + ")"
                        + (detail == null ? "" : " - " + detail));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("netlink: " + failures.size() + " of " + what.size()
                + " request(s) failed: " + String.join("; ", failures));
        }
        return toleratedRefusals;
    }

    /**
     * Sends a dump request written by {@code request} (given a fresh sequence) and collects the
     * answers of type {@code answerType}. Retries, a bounded number of times, when the kernel
     * says the dump was interrupted by a concurrent change.
     */
    List<Message> dump(java.util.function.BiConsumer<MessageWriter, Integer> request, int answerType)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            int seq = nextSequence();
            MessageWriter writer = new MessageWriter(64);
            request.accept(writer, seq);
            send(writer);
            List<Message> answers = new ArrayList<>();
            boolean interrupted = collectDump(seq, answerType, answers);
            if (!interrupted) {
                return answers;
            }
            if (attempt >= MAX_DUMP_ATTEMPTS) {
                throw new IOException("netlink dump interrupted " + attempt + " times in a row");
            }
        }
    }

    private boolean collectDump(int seq, int answerType, List<Message> answers) throws IOException {
        boolean interrupted = false;
        long deadline = System.nanoTime() + ANSWER_DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            for (Message message : receive()) {
                if (message.sequence() != seq) {
                    continue;
                }
                interrupted |= (message.flags() & NLM_F_DUMP_INTR) != 0;
                if (message.type() == Rtnl.NLMSG_DONE) {
                    return interrupted;
                }
                if (message.type() == Rtnl.NLMSG_ERROR && message.errorCode() != 0) {
                    int errno = -message.errorCode();
                    throw new IOException("netlink dump: " + nativeCalls.describe(errno) + " (errno " + errno + ")");
                }
                if (message.type() == answerType) {
                    answers.add(message);
                }
            }
        }
        throw new IOException("netlink dump: no NLMSG_DONE within "
            + ANSWER_DEADLINE_NANOS / 1_000_000 + " ms");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            nativeCalls.close(fd);
        }
    }

    private void setBuffer(int forced, int plain, int bytes, String name) throws IOException {
        try {
            nativeCalls.setIntOption(fd, Native.SOL_SOCKET, forced, bytes, name + "FORCE");
        } catch (Native.NativeException notRoot) {
            nativeCalls.setIntOption(fd, Native.SOL_SOCKET, plain, bytes, name);
        }
    }

    private void optional(int option, String name) {
        try {
            nativeCalls.setIntOption(fd, Native.SOL_NETLINK, option, 1, name);
        } catch (IOException olderKernel) {
            // extended ACKs only improve error messages; older kernels work without them
        }
    }
}
