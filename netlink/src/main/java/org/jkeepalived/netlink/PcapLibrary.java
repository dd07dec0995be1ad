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
    /** JNA's list of directories for libraries named without a path. */
    static final String JNA_PLATFORM_PATH = "jna.platform.library.path";
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

    /**
     * Sets {@link #PROPERTY} unless the user already did, and JNA's platform library path:
     * without one, JNA runs {@code /sbin/ldconfig -p} (a child process, and its binary read from
     * disk) when it first loads, only to list directories. pcap4j loads libpcap by its full path,
     * so the directory holding it and the standard ones are all JNA needs.
     */
    public static synchronized void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, path());
        }
        String library = System.getProperty(PROPERTY);
        int slash = library.lastIndexOf('/');
        if (System.getProperty(JNA_PLATFORM_PATH) == null && slash > 0) {
            System.setProperty(JNA_PLATFORM_PATH, library.substring(0, slash) + ":/usr/lib:/lib");
        }
    }
}
