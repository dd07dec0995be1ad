package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StartupPreloadTest {

    @Test
    void daemonRunsAreToldFromToolRuns() {
        assertThat(StartupPreload.looksLikeDaemonRun(new String[0])).isTrue();
        assertThat(StartupPreload.looksLikeDaemonRun(new String[] {"-n", "-l", "-D", "-f", "/etc/k.conf"})).isTrue();
        assertThat(StartupPreload.looksLikeDaemonRun(new String[] {"--dont-fork", "--use-file=/etc/k.conf"})).isTrue();
        for (String[] tool : List.of(new String[] {"-t"}, new String[] {"-t", "-f", "x"}, new String[] {"-tLOG"},
                new String[] {"--config-test=/tmp/log"}, new String[] {"-v"}, new String[] {"--version"},
                new String[] {"-h"}, new String[] {"--help"}, new String[] {"-d"}, new String[] {"--dump-conf=json"},
                new String[] {"--signum=JSON"}, new String[] {"status"}, new String[] {"doctor", "-f", "x"},
                new String[] {"-l", "demote", "VI_1"}, new String[] {"promote"})) {
            assertThat(StartupPreload.looksLikeDaemonRun(tool)).as(String.join(" ", tool)).isFalse();
        }
    }

    /** The lists name classes by string: a rename must fail here, not silently stop preloading. */
    @Test
    void everyPreloadedClassExists() throws Exception {
        List<String> names = new ArrayList<>(StartupPreload.NATIVE_CLASSES);
        names.addAll(StartupPreload.PCAP_CLASSES);
        names.addAll(StartupPreload.PARSER_CLASSES);
        names.addAll(StartupPreload.JDK_CLASSES);
        for (String name : names) {
            assertThat(Class.forName(name, false, StartupPreload.class.getClassLoader())).isNotNull();
        }
    }

    /** The common blocks are root keywords with sub-keywords (define() ignores other names silently). */
    @Test
    void everyCommonBlockIsARootBlock() {
        var root = org.jkeepalived.config.parse.KeywordDefinitions.table().root();
        for (String block : StartupPreload.COMMON_BLOCKS) {
            assertThat(root.lookup(block)).as(block).isNotNull();
            assertThat(root.lookup(block).sub()).as(block).isNotNull();
        }
    }

    /** A daemon run's command line skips the subcommands; every other keeps them (help lists them). */
    @Test
    void subcommandsAreRegisteredUnlessTheRunIsTheDaemon() {
        assertThat(KeepalivedCommand.commandLine(false).getSubcommands()).isEmpty();
        assertThat(KeepalivedCommand.commandLine().getSubcommands().keySet())
                .containsExactly("status", "demote", "promote", "doctor");
    }
}
