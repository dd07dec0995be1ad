package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * A daemon started by the launcher maps jffi's and JNA's JNI stubs from the directory the build
 * extracted them to (target/native, NativeLibraries), not from temporary copies it unpacked at
 * start (which jffi and JNA delete at once: "(deleted)" in the process's maps).
 */
class NativeStubsIT {
    private static final String CONFIG = "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n"
            + "  virtual_router_id 61\n  priority 255\n  advert_int 1\n  virtual_ipaddress {\n"
            + "    192.0.2.61/24 dev eth0\n  }\n}\n";

    @Test
    void theDaemonLoadsTheExtractedStubs() throws IOException {
        Netns.requireRoot();
        Path natives = Jkeepalived.jar().getParent().resolve("native");
        assertThat(natives.resolve("libjffi-1.2.so")).as("extracted by the build").isRegularFile();
        assertThat(natives.resolve("libjnidispatch.so")).as("extracted by the build").isRegularFile();
        Path dir = TestDirs.create("native-stubs");
        try (Topology lan = Topology.of("lb1");
             RunningDaemon daemon = RunningDaemon.start(Kind.JKEEPALIVED, lan.node("lb1").ns(), dir.resolve("lb1"), CONFIG)) {
            daemon.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(30));

            List<String> mapped = Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "maps")).stream()
                    .filter(line -> line.contains("jffi") || line.contains("jnidispatch") || line.contains("/jna"))
                    .map(line -> line.substring(line.indexOf('/') >= 0 ? line.indexOf('/') : 0))
                    .distinct().toList();
            assertThat(mapped).as("stubs mapped by the daemon").contains(
                    natives.resolve("libjffi-1.2.so").toRealPath().toString(),
                    natives.resolve("libjnidispatch.so").toRealPath().toString());
            assertThat(mapped).as("no stub unpacked to a temporary file").noneMatch(line -> line.endsWith("(deleted)"));
        }
    }
}
