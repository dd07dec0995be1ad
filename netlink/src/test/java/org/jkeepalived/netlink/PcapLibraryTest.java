package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PcapLibraryTest {

    @Test
    void findsTheRuntimeLibpcapWithoutTheDevSymlink() {
        String configured = System.getProperty(PcapLibrary.PROPERTY);
        String jnaPath = System.getProperty(PcapLibrary.JNA_PLATFORM_PATH);
        try {
            System.clearProperty(PcapLibrary.PROPERTY);
            System.clearProperty(PcapLibrary.JNA_PLATFORM_PATH);
            String path = PcapLibrary.path();
            // Debian's libpcap0.8 ships libpcap.so.0.8; libpcap-dev's libpcap.so is not needed
            assertThat(path).matches(".*libpcap\\.so\\.(0\\.8|1)$");
            assertThat(Files.isReadable(Path.of(path))).isTrue();
            PcapLibrary.configure();
            assertThat(System.getProperty(PcapLibrary.PROPERTY)).isEqualTo(path);
            // JNA gets its directories from us, not from running ldconfig -p.
            assertThat(System.getProperty(PcapLibrary.JNA_PLATFORM_PATH))
                    .isEqualTo(Path.of(path).getParent() + ":/usr/lib:/lib");
        } finally {
            if (configured == null) {
                System.clearProperty(PcapLibrary.PROPERTY);
            } else {
                System.setProperty(PcapLibrary.PROPERTY, configured);
            }
            if (jnaPath == null) {
                System.clearProperty(PcapLibrary.JNA_PLATFORM_PATH);
            } else {
                System.setProperty(PcapLibrary.JNA_PLATFORM_PATH, jnaPath);
            }
        }
    }

    @Test
    void aUserSettingWins() {
        String configured = System.getProperty(PcapLibrary.PROPERTY);
        String jnaPath = System.getProperty(PcapLibrary.JNA_PLATFORM_PATH);
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
            if (jnaPath == null) {
                System.clearProperty(PcapLibrary.JNA_PLATFORM_PATH);
            } else {
                System.setProperty(PcapLibrary.JNA_PLATFORM_PATH, jnaPath);
            }
        }
    }
}
