package org.jkeepalived.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.jkeepalived.daemon.KeepalivedCommand;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build step (run by the packaging module in {@code prepare-package}): writes the files of the
 * .deb that come from the command-line model, so they cannot drift from it:
 * {@code man8/jkeepalived.8.gz}, {@code man5/jkeepalived.conf.5.gz} and
 * {@code completions/jkeepalived} (picocli's bash completion) under the staging directory.
 *
 * <p>Usage: {@code PackageResources STAGING_DIR VERSION}. The page date is the build day (UTC),
 * or SOURCE_DATE_EPOCH's day when set, for reproducible builds.
 */
public final class PackageResources {
    private static final String SOURCE = "jkeepalived ";

    private PackageResources() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PackageResources STAGING_DIR VERSION");
        }
        Path staging = Path.of(args[0]);
        String version = args[1];
        String date = buildDate().toString();
        CommandLine commandLine = KeepalivedCommand.commandLine();

        String daemonPage = ManPageWriter.render(commandLine.getCommandSpec(),
                new ManPageWriter.Header("jkeepalived", 8, date, SOURCE + version, "System Administration"),
                daemonPageSections());
        writeGzip(staging.resolve("man8/jkeepalived.8.gz"), daemonPage);

        String confPage = resource("jkeepalived.conf.5").replace("@DATE@", date).replace("@VERSION@", version);
        writeGzip(staging.resolve("man5/jkeepalived.conf.5.gz"), confPage);

        Path completion = staging.resolve("completions/jkeepalived");
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("jkeepalived", commandLine), StandardCharsets.UTF_8);
    }

    /** The fixed sections of jkeepalived(8): what the option list cannot say. */
    static Map<String, String> daemonPageSections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("EXIT STATUS", resource("jkeepalived.8.exit-status"));
        sections.put("SIGNALS", resource("jkeepalived.8.signals"));
        sections.put("FILES", resource("jkeepalived.8.files"));
        sections.put("SEE ALSO", resource("jkeepalived.8.see-also"));
        return sections;
    }

    static LocalDate buildDate() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d+")) {
            return LocalDate.ofEpochDay(Long.parseLong(epoch) / 86_400);
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    static String resource(String name) {
        try (InputStream in = PackageResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** gzip -9n as Debian wants for man pages: best compression, no name or time in the header. */
    static void writeGzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new BestGzip(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
