package org.jkeepalived.daemon.os;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How the two native-binding libraries start: jnr-ffi (netlink and the libc helpers) and JNA
 * (pcap4j). Both carry their JNI stub inside the jar and, unless told where a copy is, write it to
 * a new temporary file at every start and load it from there (jffi: a randomly named file in
 * {@code java.io.tmpdir}, which initialises {@code SecureRandom}; JNA: {@code ~/.cache/JNA/temp}).
 * That was about 25 ms of every start-up on a two-core machine (docs/bench/daemon-tuning.md
 * section 9), and a start that fails where the temporary directory is mounted noexec.
 *
 * <p>So the stubs are extracted once, by the build for a source tree ({@code daemon/pom.xml}) and by
 * the Debian package's postinst, with {@link #main}; the launcher names the directory
 * ({@code -Djkeepalived.native.dir}), and {@link #configure} points each library at it after
 * checking that the copy was extracted from this very jar file (its size and modification time,
 * recorded at extraction in {@value #MANIFEST}, so no start-up has to read the jar's directory)
 * and is whole (each stub's size). A missing, stale or damaged copy is ignored: the library then
 * unpacks its own, as before.
 */
public final class NativeLibraries {
    /** The system property (set by bin/jkeepalived) naming the directory of extracted stubs. */
    public static final String DIRECTORY_PROPERTY = "jkeepalived.native.dir";
    /**
     * Written last by an extraction: {@value #JAR} = the jar's "size modification-time", and for
     * each stub its file name = "jar-entry size".
     */
    static final String MANIFEST = "stubs.properties";
    private static final String JAR = "jar";

    /**
     * One library's stub: where it is in the jar, the file it becomes, the property that names its
     * directory, and the properties then set to true.
     */
    record Stub(String entry, String fileName, String pathProperty, List<String> flags) {
    }

    private NativeLibraries() {
    }

    /**
     * Called first thing in {@code Main}: uses the extracted stubs named by {@link #DIRECTORY_PROPERTY}
     * and makes jnr-ffi bind by reflection. Settings given on the command line (-D) are kept.
     */
    public static void configure() {
        // jnr-ffi generates and loads a class per interface (asm) unless told otherwise: 65 ms of CPU
        // for the daemon's four libc bindings at start-up, against about 0.3 µs more per call by
        // reflection (0.5 instead of 0.23 µs). No jnr-ffi call is per advert (pcap4j, through
        // JNA, sends and receives them); a takeover makes a handful. See docs/bench/daemon-tuning.md.
        setIfAbsent("jnr.ffi.asm.enabled", "false");
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        Path jar = directory == null || directory.isEmpty() ? null : ownJar();
        if (jar != null) {
            for (Map.Entry<String, String> setting : settings(Path.of(directory), jar).entrySet()) {
                setIfAbsent(setting.getKey(), setting.getValue());
            }
        }
    }

    /** This platform's stubs: jffi's (named after its stub version) and JNA's. */
    static List<Stub> stubs() {
        String jffi = "jffi-" + com.kenai.jffi.Version.MAJOR + "." + com.kenai.jffi.Version.MINOR;
        String jffiFile = System.mapLibraryName(jffi);
        String jnaFile = System.mapLibraryName("jnidispatch");
        return List.of(
                new Stub("jni/" + jffiPlatform() + "/" + jffiFile, jffiFile, "jffi.boot.library.path", List.of()),
                // jna.nounpack: the stub is there, so JNA need not scan its temporary directory either.
                new Stub("com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX + "/" + jnaFile, jnaFile,
                        "jna.boot.library.path", List.of("jna.nounpack")));
    }

    /**
     * The system properties that point each library at its stub in {@code directory}, for the stubs
     * there that match {@code jar}; empty when none does. Never throws: a failure leaves the
     * libraries unpacking their own.
     */
    static Map<String, String> settings(Path directory, Path jar) {
        // java.io rather than NIO: this runs first thing in main, before anything else would have
        // set up NIO's file channels.
        Map<String, String> settings = new LinkedHashMap<>();
        Properties manifest = new Properties();
        try (InputStream in = new FileInputStream(directory.resolve(MANIFEST).toFile())) {
            manifest.load(in);
            if (!jarIdentity(jar).equals(manifest.getProperty(JAR))) {
                return settings;
            }
            for (Stub stub : stubs()) {
                String recorded = manifest.getProperty(stub.fileName(), "");
                File file = directory.resolve(stub.fileName()).toFile();
                if (recorded.equals(stub.entry() + " " + file.length()) && file.isFile()) {
                    settings.put(stub.pathProperty(), directory.toString());
                    for (String flag : stub.flags()) {
                        settings.put(flag, "true");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no directory, no manifest, no jar: the libraries unpack their own
        }
        return settings;
    }

    /** "size modification-time-in-ms" of the jar file. */
    private static String jarIdentity(Path jar) throws IOException {
        File file = jar.toFile();
        if (!file.isFile()) {
            throw new IOException(jar + ": not a file");
        }
        return file.length() + " " + file.lastModified();
    }

    /**
     * Extracts this platform's stubs from {@code jar} into {@code directory} and writes the manifest
     * last, each file written beside and renamed into place: a daemon starting meanwhile uses the
     * stubs only once the new manifest names its jar. Returns the stubs extracted.
     */
    static List<Stub> extract(Path jar, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Stub> extracted = new ArrayList<>();
        Properties manifest = new Properties();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Stub stub : stubs()) {
                ZipEntry entry = zip.getEntry(stub.entry());
                if (entry == null) {
                    continue; // a platform this library has no stub for: it reports that itself
                }
                Path file = directory.resolve(stub.fileName());
                Path partial = directory.resolve(stub.fileName() + ".new");
                CRC32 crc = new CRC32();
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        crc.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                if (crc.getValue() != entry.getCrc()) {
                    Files.deleteIfExists(partial);
                    throw new IOException(stub.entry() + ": CRC mismatch while extracting");
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                manifest.setProperty(stub.fileName(), stub.entry() + " " + entry.getSize());
                extracted.add(stub);
            }
        }
        manifest.setProperty(JAR, jarIdentity(jar));
        Path partialManifest = directory.resolve(MANIFEST + ".new");
        try (Writer out = Files.newBufferedWriter(partialManifest, StandardCharsets.UTF_8)) {
            manifest.store(out, "native stubs extracted from " + jar.getFileName() + " (jkeepalived NativeLibraries)");
        }
        Files.move(partialManifest, directory.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return extracted;
    }

    /** {@code java -cp jkeepalived.jar org.jkeepalived.daemon.os.NativeLibraries DIR}: extract this jar's stubs into DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NativeLibraries DIRECTORY");
            System.exit(2);
        }
        Path jar = ownJar();
        if (jar == null) {
            System.err.println("NativeLibraries: not running from a jar");
            System.exit(1);
        }
        for (Stub stub : extract(jar, Path.of(args[0]))) {
            System.out.println(Path.of(args[0]).resolve(stub.fileName()) + " <- " + stub.entry());
        }
    }

    /** jffi's name for this CPU, as its stub loader derives it from os.arch. */
    static String jffiPlatform() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686", "i86pc" -> "i386";
            case "arm64" -> "aarch64";
            case "powerpc64le" -> "ppc64le";
            case "powerpc64" -> "ppc64";
            default -> arch.startsWith("armv") ? "arm" : arch;
        };
        return cpu + "-" + System.getProperty("os.name", "Linux").split(" ")[0];
    }

    private static Path ownJar() {
        try {
            File location = new File(NativeLibraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.isFile() ? location.toPath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
