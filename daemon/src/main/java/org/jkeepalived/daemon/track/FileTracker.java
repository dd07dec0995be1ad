package org.jkeepalived.daemon.track;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code track_file}: the file holds an integer, read as C's {@code strtol(buf, NULL, 0)} reads
 * the first 127 bytes (leading blanks, sign, 0x hex, leading-0 octal, trailing junk ignored; no
 * digits, an empty or a missing file all read as 0). A value outside [INT32_MIN, INT32_MAX + 1]
 * is ignored with keepalived's line and the previous value kept.
 *
 * <p>For a tracking entry with weight 0 a non-zero value means FAULT (reversed: zero means FAULT).
 * With a weight, the entry contributes value × weight (negated when reversed), clamped to
 * [-254, 253]; -254 or below means FAULT, as in keepalived.
 *
 * <p>Loop thread only. {@link FileWatcher} posts {@link #reread()} when the file changes.
 */
public final class FileTracker implements TrackedSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileTracker.class);
    private static final int MAX_BYTES = 127;
    private static final int FAULT_STATUS = -254;
    private static final int MAX_STATUS = 253;

    private final String name;
    private final Path file;
    private final Consumer<FileTracker> onChange;
    private long value;

    /** Reads the file once; {@code onChange} runs on the loop thread when a re-read changes the value. */
    public FileTracker(String name, Path file, Consumer<FileTracker> onChange) {
        this.name = name;
        this.file = file;
        this.onChange = onChange;
        this.value = read(0);
    }

    /**
     * keepalived's {@code init_file}: at start-up, write {@code initValue} and a newline when the
     * file is absent, or always with {@code overwrite} (never on a reload, never over a non-regular
     * file). Call before constructing the tracker.
     */
    public static void initialise(String name, Path file, int initValue, boolean overwrite, boolean reload) {
        if (Files.exists(file)) {
            if (!overwrite) {
                return;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                LOG.error("Cannot initialise track file {} - it is not a regular file", name);
                return;
            }
            if (reload) {
                return;
            }
        }
        try {
            Files.writeString(file, initValue + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.error("Unable to initialise track file {}", name);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    /** The last value read. */
    public long value() {
        return value;
    }

    /** Re-reads the file; calls {@code onChange} if the value changed. */
    public void reread() {
        long newValue = read(value);
        if (newValue != value) {
            value = newValue;
            onChange.accept(this);
        }
    }

    @Override
    public int contribution(int weight, boolean reverse) {
        if (weight == 0) {
            return 0;
        }
        int status = status(weight, reverse);
        return status == FAULT_STATUS ? 0 : status;
    }

    @Override
    public boolean faults(int weight, boolean reverse) {
        if (weight == 0) {
            return (value == 0) == reverse;
        }
        return status(weight, reverse) == FAULT_STATUS;
    }

    private int status(int weight, boolean reverse) {
        long product = value * weight * (reverse ? -1 : 1);
        return (int) Math.max(FAULT_STATUS, Math.min(MAX_STATUS, product));
    }

    private long read(long previous) {
        byte[] buf;
        try (InputStream in = Files.newInputStream(file)) {
            buf = in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            return 0; // missing or unreadable: keepalived reads 0
        }
        BigInteger parsed = parseLikeStrtol(new String(buf, StandardCharsets.ISO_8859_1));
        if (parsed.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0
                || parsed.compareTo(BigInteger.valueOf(Integer.MAX_VALUE + 1L)) > 0) {
            LOG.info("Invalid number {} read from {} - ignoring", parsed, file);
            return previous;
        }
        return parsed.longValue();
    }

    /** C strtol with base 0, without overflow clamping (the caller range-checks). */
    static BigInteger parseLikeStrtol(String text) {
        int i = 0;
        while (i < text.length() && " \t\n\r\f\u000b".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < text.length() && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < text.length() && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 128) {
            i++;
        }
        if (i == start) {
            return BigInteger.ZERO;
        }
        BigInteger magnitude = new BigInteger(text.substring(start, i), radix);
        return negative ? magnitude.negate() : magnitude;
    }
}
