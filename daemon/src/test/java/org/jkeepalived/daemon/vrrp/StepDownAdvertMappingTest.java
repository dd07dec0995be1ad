package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dual_master_step_down_advert} (docs/dual-master.md) reaches the core as
 * {@link InstanceSettings#stepDownAdvert()}: on by default, off with the opt-out and under
 * {@code vrrp_strict} (as keepalived clears {@code higher_prio_send_advert} there).
 */
class StepDownAdvertMappingTest {

    private static final String INSTANCE = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
            + " priority 150\n advert_int 1\n virtual_ipaddress {\n  192.0.2.100/24\n }\n}\n";

    @TempDir
    Path dir;

    private InstanceSettings mapped(String globalDefs) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "global_defs {\n" + globalDefs + "}\n" + INSTANCE);
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"))),
                ScriptEnvironment.system(), dir);
        KeepalivedConfig config = ConfigParser.parse(conf, options).config();
        return SettingsMapper.map(config.instance("VI_1"), config.globalDefs(), null, null, "eth0");
    }

    @Test
    void onByDefault() throws IOException {
        assertThat(mapped("").stepDownAdvert()).isTrue();
        assertThat(mapped("").higherPrioSendAdvert()).isFalse();
    }

    @Test
    void offWithTheOptOut() throws IOException {
        assertThat(mapped(" dual_master_step_down_advert off\n").stepDownAdvert()).isFalse();
    }

    @Test
    void offInStrictModeEvenWhenAskedFor() throws IOException {
        assertThat(mapped(" vrrp_strict\n").stepDownAdvert()).isFalse();
        assertThat(mapped(" vrrp_strict\n dual_master_step_down_advert on\n").stepDownAdvert()).isFalse();
    }
}
