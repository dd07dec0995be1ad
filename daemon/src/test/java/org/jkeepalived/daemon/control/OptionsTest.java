package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** --http-listen, --control-socket and --for values. */
class OptionsTest {

    @Test
    void httpListenDefaultsToLoopback() {
        assertThat(HttpListen.parse("9650").toString()).isEqualTo("127.0.0.1:9650");
        assertThat(HttpListen.parse("0.0.0.0:9650").toString()).isEqualTo("0.0.0.0:9650");
        assertThat(HttpListen.parse("[::1]:9650").toString()).isEqualTo("[0:0:0:0:0:0:0:1]:9650");
    }

    @Test
    void httpListenRejectsWhatItCannotUseWithAMessage() {
        for (String bad : new String[] {"", "port", "70000", "0", "::1:9650", "example.org:80", "[::1]9650", "1.2.3:80"}) {
            assertThatThrownBy(() -> HttpListen.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--http-listen");
        }
    }

    @Test
    void controlSocketDefaultAndNone() {
        assertThat(ControlOptions.parse(null, null).socket()).isEqualTo(Path.of("/run/jkeepalived/control.sock"));
        assertThat(ControlOptions.parse("none", null).socket()).isNull();
        assertThat(ControlOptions.parse("", "9650").http().port()).isEqualTo(9650);

    }

    @Test
    void durationsInSecondsOrUnits() {
        assertThat(DurationOption.parseSeconds("300")).isEqualTo(300);
        assertThat(DurationOption.parseSeconds("5m")).isEqualTo(300);
        assertThat(DurationOption.parseSeconds("1h30m")).isEqualTo(5400);
        assertThat(DurationOption.parseSeconds("2d")).isEqualTo(172_800);
        for (String bad : new String[] {"", "0", "-5", "5 m", "5x", "m", "400d", "99999999999999999999"}) {
            assertThatThrownBy(() -> DurationOption.parseSeconds(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
