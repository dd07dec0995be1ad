package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PcapLibraryTest {

    @Test
    void findsTheRuntimeLibpcapWithoutTheDevSymlink() {
        String configured = System.getProperty(PcapLibrary.PROPERTY);
        try {
            System.clearProperty(PcapLibrary.PROPERTY);
            String path = PcapLibrary.path();
            // Debian's libpcap0.8 ships libpcap.so.0.8; libpcap-dev's libpcap.so is not needed
            assertThat(path).matches(".*libpcap\\.so\\.(0\\.8|1)$");
            assertThat(Files.isReadable(Path.of(path))).isTrue();
            PcapLibrary.configure();
            assertThat(System.getProperty(PcapLibrary.PROPERTY)).isEqualTo(path);
        } finally {
            if (configured == null) {
                System.clearProperty(PcapLibrary.PROPERTY);
            } else {
                System.setProperty(PcapLibrary.PROPERTY, configured);
            }
        }
    }

    @Test
    void aUserSettingWins() {
        String configured = System.getProperty(PcapLibrary.PROPERTY);
        try {
            System.setProperty(PcapLibrary.PROPERTY, "/opt/custom/libpcap.so.1");
            PcapLibrary.configure();
            assertThat(PcapLibrary.path()).isEqualTo("/opt/custom/libpcap.so.1");
        } finally {
            if (configured == null) {
                System.clearProperty(PcapLibrary.PROPERTY);
            } else {
                System.setProperty(PcapLibrary.PROPERTY, configured);
            }
        }
    }
}
