package org.jkeepalived.netlink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Points pcap4j at Debian's runtime libpcap ({@code libpcap.so.0.8}, package libpcap0.8), which
 * a fresh install has without libpcap-dev's unversioned {@code libpcap.so} symlink. Must run
 * before the first pcap4j class is loaded; {@link #configure()} is idempotent and thread-safe.
 */
public final class PcapLibrary {
    /** The system property pcap4j reads for the library to load. */
    public static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final List<String> CANDIDATES = List.of(
        "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8",
        "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8",
        "/usr/lib/arm-linux-gnueabihf/libpcap.so.0.8",
        "/usr/lib/i386-linux-gnu/libpcap.so.0.8",
        "/lib/x86_64-linux-gnu/libpcap.so.0.8",
        "/usr/lib64/libpcap.so.1",
        "/usr/lib/libpcap.so.1",
        "/usr/lib/x86_64-linux-gnu/libpcap.so.1",
        "/usr/lib/aarch64-linux-gnu/libpcap.so.1");

    private PcapLibrary() {
    }

    /** The library file to load: the property if set, else the first candidate that exists, else "pcap". */
    public static String path() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return CANDIDATES.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst().orElse("pcap");
    }

    /** Sets {@link #PROPERTY} unless the user already did. */
    public static synchronized void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, path());
        }
    }
}
