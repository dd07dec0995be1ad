package org.jkeepalived.daemon;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * One log line as keepalived's console shows it: {@code Sun Nov 22 08:12:58.559 2026: message},
 * or the message alone ({@link #messageOnly}). Written by hand rather than with logback's
 * {@code PatternLayout}: that layout loads its whole converter table (about 150 classes, most of
 * them colour and caller-data converters never used here), which cost start-up time and resident
 * memory (docs/bench/daemon-tuning.md section 8). Day and month names are English whatever the
 * locale, as keepalived prints them under systemd's C locale.
 */
final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final byte[] NOTHING = new byte[0];

    private final boolean timestamped;

    private LogLineEncoder(boolean timestamped) {
        this.timestamped = timestamped;
    }

    /** {@code EEE MMM d HH:mm:ss.SSS yyyy: message} in the system's time zone. */
    static LogLineEncoder timestamped() {
        return new LogLineEncoder(true);
    }

    /** The message alone (the tools' output on stderr). */
    static LogLineEncoder messageOnly() {
        return new LogLineEncoder(false);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(96);
        if (timestamped) {
            appendTimestamp(line, event.getTimeStamp(), ZoneId.systemDefault());
            line.append(": ");
        }
        line.append(event.getFormattedMessage()).append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code epochMillis} as {@code EEE MMM d HH:mm:ss.SSS yyyy} in {@code zone}. */
    static void appendTimestamp(StringBuilder out, long epochMillis, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        out.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(' ')
            .append(MONTHS[t.getMonthValue() - 1]).append(' ')
            .append(t.getDayOfMonth()).append(' ');
        twoDigits(out, t.getHour()).append(':');
        twoDigits(out, t.getMinute()).append(':');
        twoDigits(out, t.getSecond()).append('.');
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        if (millis < 100) {
            out.append('0');
        }
        twoDigits(out, millis).append(' ').append(t.getYear());
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
