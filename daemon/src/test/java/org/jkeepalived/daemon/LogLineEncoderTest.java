package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogLineEncoderTest {
    /** The pattern the daemon's console lines had with logback's PatternLayout, in English. */
    private static final DateTimeFormatter KEEPALIVED_CONSOLE =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS yyyy", Locale.ENGLISH);

    @Test
    void timestampsMatchThePatternInEveryZoneAndEdge() {
        List<Long> instants = List.of(0L, 5L, 59L, 999L, 1_000L, 1_700_000_000_007L, 1_711_846_799_999L,
                1_711_846_800_000L, 1_730_000_000_123L, 4_102_444_799_999L, -1L);
        for (String zone : List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")) {
            ZoneId id = ZoneId.of(zone);
            for (long millis : instants) {
                StringBuilder line = new StringBuilder();
                LogLineEncoder.appendTimestamp(line, millis, id);
                assertThat(line.toString()).as("%s at %d", zone, millis)
                        .isEqualTo(KEEPALIVED_CONSOLE.format(Instant.ofEpochMilli(millis).atZone(id)));
            }
        }
    }

    @Test
    void linesAreTheMessageWithOrWithoutTheTimestamp() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("Keepalived"), Level.INFO,
                "({}) Entering MASTER STATE", null, new Object[] {"VI_1"});
        event.setTimeStamp(1_700_000_000_007L);
        String timestamped = new String(LogLineEncoder.timestamped().encode(event), StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        LogLineEncoder.appendTimestamp(expected, 1_700_000_000_007L, ZoneId.systemDefault());
        assertThat(timestamped).isEqualTo(expected + ": (VI_1) Entering MASTER STATE\n");
        assertThat(new String(LogLineEncoder.messageOnly().encode(event), StandardCharsets.UTF_8))
                .isEqualTo("(VI_1) Entering MASTER STATE\n");
    }
}
