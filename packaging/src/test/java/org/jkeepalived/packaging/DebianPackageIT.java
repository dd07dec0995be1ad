package org.jkeepalived.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built .deb through dpkg on this machine, as an administrator would use it: install, run
 * {@code jkeepalived} from the PATH, verify the unit with systemd-analyze, upgrade over itself
 * (a version bump), remove, purge, and check at each step that exactly the package's files are
 * there and nothing is left behind. Runs as root (CI does) and fails otherwise.
 *
 * <p>Safety: no VRRP daemon may start. The unit needs /etc/keepalived/keepalived.conf (which
 * this test never creates), the maintainer scripts touch services only when systemd is PID 1,
 * and a policy-rc.d refusing every start is put in place for the run if none exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageIT {
    private static final String PACKAGE = "jkeepalived";
    private static final Path POLICY_RC_D = Path.of("/usr/sbin/policy-rc.d");
    private static final Path KEEPALIVED_CONF = Path.of("/etc/keepalived/keepalived.conf");
    private static final Path CONFFILE = Path.of("/etc/default/jkeepalived");
    private static final Path UNIT = Path.of("/lib/systemd/system/jkeepalived.service");
    private static final Path ENABLE_LINK = Path.of("/etc/systemd/system/multi-user.target.wants/jkeepalived.service");
    private static final Path CDS_ARCHIVE = Path.of("/var/cache/jkeepalived/jkeepalived.jsa");
    private static final Path NATIVE_STUBS = Path.of("/var/cache/jkeepalived/native");
    private static final Path EXAMPLE = Path.of("/usr/share/doc/jkeepalived/examples/nginx-pair/lb1.conf");
    /**
     * man-db's cache of formatted pages: systemd-analyze's man lookups in this test fill it, and
     * man-db's own daily job expires it. It holds nothing the package or its scripts wrote.
     */
    private static final Path MAN_DB_CACHE = Path.of("/var/cache/man");
    /** Where the package, its scripts or deb-systemd-helper could leave anything behind. */
    private static final List<Path> WATCHED_ROOTS = List.of(Path.of("/etc"), Path.of("/lib/systemd"),
            Path.of("/usr/sbin"), Path.of("/usr/share/jkeepalived"), Path.of("/usr/share/doc"),
            Path.of("/usr/share/man"), Path.of("/usr/share/bash-completion"), Path.of("/var/cache"),
            Path.of("/var/lib/systemd"));

    private Path deb;
    private Path workDir;
    private boolean createdPolicy;
    private String keepalivedConfBefore;
    private Set<String> leftoversBefore;
    private List<String> installedPaths;

    @BeforeAll
    void requireRootAndACleanMachine() throws IOException {
        assertThat(Commands.run("id", "-u").output().strip())
                .as("the package IT installs a .deb with dpkg: run it as root (CI does)").isEqualTo("0");
        deb = Path.of(System.getProperty("jkeepalived.deb", "target/jkeepalived_0.1.0_all.deb"));
        assertThat(deb).as("the .deb built by this module").isRegularFile();
        assertThat(Commands.onPath("dpkg")).as("dpkg").isTrue();
        assertThat(Commands.onPath("systemd-analyze")).as("systemd-analyze (scripts/install-deps.sh installs systemd)")
                .isTrue();
        assertThat(Commands.packageStatus(PACKAGE))
                .as("jkeepalived is already installed on this machine; purge it (dpkg -P jkeepalived) before this test")
                .isEqualTo("not-installed");
        workDir = Files.createTempDirectory("jkeepalived-package-it");
        if (!Files.exists(POLICY_RC_D)) {
            Files.writeString(POLICY_RC_D, "#!/bin/sh\n# DebianPackageIT: no service starts during the test\nexit 101\n");
            Files.setPosixFilePermissions(POLICY_RC_D, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            createdPolicy = true;
        }
        keepalivedConfBefore = fingerprint(KEEPALIVED_CONF);
        leftoversBefore = pathsNamingThePackage();
    }

    @AfterAll
    void purgeAndRestore() throws IOException {
        try {
            if (!Commands.packageStatus(PACKAGE).equals("not-installed")) {
                Commands.dpkg("--purge", PACKAGE);
            }
            removeFormattedPagesThisTestCaused();
        } finally {
            if (createdPolicy) {
                Files.deleteIfExists(POLICY_RC_D);
            }
            if (workDir != null) {
                Commands.run("rm", "-rf", workDir.toString());
            }
        }
    }

    @Test
    @Order(1)
    void installPutsEveryFileInPlaceAndEnablesTheUnit() throws IOException {
        String contents = Commands.run("dpkg-deb", "--contents", deb.toString()).requireSuccess().output();
        assertThat(contents).as("the package never ships keepalived's configuration").doesNotContain("etc/keepalived");

        Commands.dpkg("--install", deb.toString()).requireSuccess();

        assertThat(Commands.packageStatus(PACKAGE)).isEqualTo("installed");
        installedPaths = List.of(Commands.run("dpkg", "-L", PACKAGE).requireSuccess().output().strip().split("\n"));
        assertThat(installedPaths).contains("/usr/share/jkeepalived/jkeepalived.jar",
                "/usr/share/jkeepalived/jkeepalived.classlist", "/usr/sbin/jkeepalived", UNIT.toString(),
                CONFFILE.toString(), "/usr/share/man/man8/jkeepalived.8.gz", "/usr/share/man/man5/jkeepalived.conf.5.gz",
                "/usr/share/bash-completion/completions/jkeepalived", EXAMPLE.toString(),
                "/usr/share/doc/jkeepalived/compatibility.md",
                "/usr/share/doc/jkeepalived/examples/systemd/non-root.conf");
        for (String path : installedPaths) {
            assertThat(Path.of(path)).as("listed by dpkg -L").exists();
        }
        assertThat(Commands.run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).output()).contains(CONFFILE.toString());
        assertThat(Files.readString(CONFFILE)).contains("DAEMON_ARGS=\"\"");
        assertThat(Files.isExecutable(Path.of("/usr/sbin/jkeepalived"))).isTrue();
        assertThat(Files.readSymbolicLink(ENABLE_LINK)).as("enabled on install").isEqualTo(UNIT);
        assertThat(CDS_ARCHIVE).as("postinst dumped the class-data archive").isRegularFile();
        for (String stub : List.of("libjffi-1.2.so", "libjnidispatch.so", "stubs.properties")) {
            assertThat(NATIVE_STUBS.resolve(stub)).as("postinst extracted the native stubs").isNotEmptyFile();
        }
        assertThat(fingerprint(KEEPALIVED_CONF)).as("/etc/keepalived/keepalived.conf untouched")
                .isEqualTo(keepalivedConfBefore);
    }

    @Test
    @Order(2)
    void theInstalledCommandRunsFromThePath() throws IOException {
        assertThat(Commands.run("sh", "-c", "command -v jkeepalived").requireSuccess().output().strip())
                .isEqualTo("/usr/sbin/jkeepalived");
        assertThat(Commands.run("jkeepalived", "--version").requireSuccess().output())
                .startsWith("jkeepalived v0.1.0");

        // The example names eth0: check it inside a namespace that has one, whatever this host's NICs are.
        String namespace = "jkpkg" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Commands.run("ip", "netns", "add", namespace).requireSuccess();
        try {
            Commands.run("ip", "-n", namespace, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1")
                    .requireSuccess();
            Commands.Result check = Commands.run("ip", "netns", "exec", namespace, "jkeepalived", "-t", "-f",
                    EXAMPLE.toString());
            assertThat(check.exitCode()).as("jkeepalived -t on the packaged example:\n" + check.output()).isZero();
            Commands.Result classes = Commands.run(Map.of("JKEEPALIVED_JAVA_OPTS", "-Xlog:class+load=info"),
                    List.of("ip", "netns", "exec", namespace, "jkeepalived", "-t", "-f", EXAMPLE.toString()));
            assertThat(classes.output()).as("the launcher uses the archive postinst dumped")
                    .containsPattern("org\\.jkeepalived\\.daemon\\.KeepalivedCommand source: shared objects file");
        } finally {
            Commands.run("ip", "netns", "del", namespace);
        }

        assertThat(Commands.run("bash", "-c",
                "source /usr/share/bash-completion/completions/jkeepalived && complete -p jkeepalived")
                .requireSuccess().output()).contains("jkeepalived");
        String page = gunzip(Path.of("/usr/share/man/man8/jkeepalived.8.gz"));
        assertThat(page).contains(".TH \"JKEEPALIVED\" 8", "\\-\\-config\\-test", "\\-\\-dont\\-fork");
        assertThat(gunzip(Path.of("/usr/share/man/man5/jkeepalived.conf.5.gz")))
                .contains("/usr/share/doc/jkeepalived/compatibility.md");
    }

    @Test
    @Order(3)
    void systemdAnalyzeVerifiesTheUnitAndTheNonRootDropIn() throws IOException {
        List<String> manOption = Commands.onPath("man") ? List.of() : List.of("--man=no");
        if (!manOption.isEmpty()) {
            System.out.println("man is not installed: systemd-analyze verify does not check Documentation=man:");
        }
        List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
        verify.addAll(manOption);
        List<String> unit = new ArrayList<>(verify);
        unit.add(UNIT.toString());
        assertVerified(Commands.run(Map.of(), unit));

        // The drop-in as an administrator installs it, in a unit path of its own.
        Path unitDir = workDir.resolve("units");
        Files.createDirectories(unitDir.resolve("jkeepalived.service.d"));
        Files.copy(UNIT, unitDir.resolve("jkeepalived.service"));
        Files.copy(Path.of("/usr/share/doc/jkeepalived/examples/systemd/non-root.conf"),
                unitDir.resolve("jkeepalived.service.d/non-root.conf"));
        List<String> dropIn = new ArrayList<>(verify);
        dropIn.add("jkeepalived.service");
        assertVerified(Commands.run(Map.of("SYSTEMD_UNIT_PATH", unitDir + ":"), dropIn));
    }

    private static void assertVerified(Commands.Result result) {
        assertThat(result.exitCode()).as("systemd-analyze verify:\n" + result.output()).isZero();
        assertThat(result.output()).as("systemd-analyze verify reports nothing about our files")
                .doesNotContain("jkeepalived").doesNotContain("non-root.conf");
    }

    @Test
    @Order(4)
    void anUpgradeOverItselfKeepsTheAdministratorsSettingsAndRunsTheUpgradePath() throws IOException {
        Files.writeString(CONFFILE, Files.readString(CONFFILE) + "DAEMON_ARGS=\"--log-detail\"\n");
        FileTime archiveBefore = Files.getLastModifiedTime(CDS_ARCHIVE);
        Path bumped = bumpedPackage("0.1.0+it1");

        Commands.Result upgrade = Commands.dpkg("--debug=2", "--force-confold", "--install", bumped.toString())
                .requireSuccess();

        assertThat(Commands.run("dpkg-query", "-W", "-f=${Version}", PACKAGE).output()).isEqualTo("0.1.0+it1");
        assertThat(upgrade.output()).as("dpkg ran the upgrade path of the maintainer scripts")
                .containsPattern("jkeepalived\\.prerm.*upgrade 0\\.1\\.0\\+it1")
                .containsPattern("jkeepalived\\.postinst.*configure 0\\.1\\.0");
        assertThat(Files.readString(CONFFILE)).as("the modified conffile is kept").contains("--log-detail");
        assertThat(Files.readSymbolicLink(ENABLE_LINK)).as("still enabled").isEqualTo(UNIT);
        assertThat(Files.getLastModifiedTime(CDS_ARCHIVE)).as("the archive is dumped again for the new jar")
                .isGreaterThan(archiveBefore);
        assertThat(Commands.run("jkeepalived", "--version").requireSuccess().output()).startsWith("jkeepalived v");
        assertThat(fingerprint(KEEPALIVED_CONF)).isEqualTo(keepalivedConfBefore);
    }

    @Test
    @Order(5)
    void removeLeavesOnlyTheConffile() {
        List<String> listed = List.of(Commands.run("dpkg", "-L", PACKAGE).requireSuccess().output().strip().split("\n"));

        Commands.dpkg("--remove", PACKAGE).requireSuccess();

        assertThat(Commands.packageStatus(PACKAGE)).isEqualTo("config-files");
        for (String path : listed) {
            if (path.equals(CONFFILE.toString())) {
                assertThat(Path.of(path)).as("a conffile stays until purge").exists();
            } else if (path.contains("jkeepalived")) {
                assertThat(Path.of(path)).as("removed with the package").doesNotExist();
            }
        }
        assertThat(Path.of("/var/cache/jkeepalived")).doesNotExist();
        assertThat(ENABLE_LINK).as("no enablement link to a removed unit").doesNotExist();
        Set<String> left = new TreeSet<>(pathsNamingThePackage());
        left.removeAll(leftoversBefore);
        assertThat(left).containsExactly(CONFFILE.toString());
    }

    @Test
    @Order(6)
    void purgeLeavesNothingBehind() {
        Commands.dpkg("--purge", PACKAGE).requireSuccess();

        assertThat(Commands.packageStatus(PACKAGE)).isEqualTo("not-installed");
        Set<String> left = new TreeSet<>(pathsNamingThePackage());
        left.removeAll(leftoversBefore);
        assertThat(left).as("files or directories the package left behind").isEmpty();
        assertThat(fingerprint(KEEPALIVED_CONF)).isEqualTo(keepalivedConfBefore);
    }

    /** man-db caches the pages systemd-analyze looked up; the test removes its own traces. */
    private static void removeFormattedPagesThisTestCaused() throws IOException {
        for (String section : List.of("cat5/jkeepalived.conf.5.gz", "cat8/jkeepalived.8.gz")) {
            Files.deleteIfExists(MAN_DB_CACHE.resolve(section));
        }
    }

    /** The built package with another version: unpacked, its control file edited, packed again. */
    private Path bumpedPackage(String version) throws IOException {
        Path tree = workDir.resolve("bumped");
        Commands.run("dpkg-deb", "--raw-extract", deb.toString(), tree.toString()).requireSuccess();
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        Path bumped = workDir.resolve("jkeepalived_" + version + "_all.deb");
        Commands.run("dpkg-deb", "--root-owner-group", "--build", tree.toString(), bumped.toString()).requireSuccess();
        return bumped;
    }

    /** Every path under the watched roots whose name mentions the package (files vanishing meanwhile are skipped). */
    private static Set<String> pathsNamingThePackage() {
        Set<String> found = new TreeSet<>();
        for (Path root : WATCHED_ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        note(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        note(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        note(file);
                        return FileVisitResult.CONTINUE;
                    }

                    private void note(Path path) {
                        if (path.toString().contains(PACKAGE) && !path.startsWith(MAN_DB_CACHE)) {
                            found.add(path.toString());
                        }
                    }
                });
            } catch (IOException e) {
                throw new AssertionError("cannot list " + root + ": " + e, e);
            }
        }
        return found;
    }

    private static String fingerprint(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
