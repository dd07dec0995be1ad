package org.jkeepalived.daemon.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;

/**
 * The configuration as the doctor needs it. keepalived's parser drops what the host lacks (a
 * missing interface, a script it cannot find, an unknown script user), but those are exactly what
 * the doctor must report; so the model comes from a parse that assumes every interface, user and
 * script exists, and the checks then look at the real host. The diagnostics of a normal parse are
 * kept for the messages. Immutable.
 *
 * @param config      the complete model
 * @param diagnostics what a normal parse (keepalived's {@code -t}) reports on this host
 */
public record DoctorConfig(KeepalivedConfig config, List<Diagnostic> diagnostics) {

    /** Reads {@code file}; throws {@link IllegalArgumentException} when it cannot be read at all. */
    public static DoctorConfig load(Path file, String configId) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read configuration file " + file);
        }
        ParseOptions real = ParseOptions.forHost();
        if (configId != null) {
            real = real.withConfigId(configId);
        }
        ParseResult normal = ConfigParser.parse(file, real);
        ParseOptions lenient = new ParseOptions(real.configId(), false, everyInterface(real.interfaces()),
                everyScript(real.scripts()), null);
        ParseResult complete = ConfigParser.parse(file, lenient);
        if (complete.diagnostics().aborted()) {
            throw new IllegalArgumentException("the configuration cannot be parsed: "
                    + complete.diagnostics().all().get(complete.diagnostics().all().size() - 1).render());
        }
        return new DoctorConfig(complete.config(), normal.diagnostics().all());
    }

    /** The diagnostics of keepalived's security class ("SECURITY VIOLATION …"). */
    public List<Diagnostic> securityDiagnostics() {
        return diagnostics.stream().filter(d -> d.error() == ConfigError.SECURITY_ERROR).toList();
    }

    private static HostInterfaces everyInterface(HostInterfaces real) {
        return new HostInterfaces() {
            @Override
            public boolean exists(String name) {
                return true;
            }

            @Override
            public boolean isLoopback(String name) {
                return real.isLoopback(name);
            }

            @Override
            public List<String> addresses(String name) {
                return real.addresses(name);
            }

            @Override
            public boolean namespaceExists(String name) {
                return real.namespaceExists(name);
            }

            @Override
            public boolean resolvable(String hostName) {
                return real.resolvable(hostName);
            }
        };
    }

    /** Users, groups and files as found, and a root-owned 0755 file for any path that is not. */
    private static ScriptEnvironment everyScript(ScriptEnvironment real) {
        return new ScriptEnvironment() {
            @Override
            public OptionalInt uid(String user) {
                OptionalInt found = real.uid(user);
                return found.isPresent() ? found : OptionalInt.of(Integer.MAX_VALUE);
            }

            @Override
            public OptionalInt gid(String group) {
                OptionalInt found = real.gid(group);
                return found.isPresent() ? found : OptionalInt.of(Integer.MAX_VALUE);
            }

            @Override
            public Optional<FileInfo> file(String absolutePath) {
                return real.file(absolutePath).or(() -> Optional.of(new FileInfo(true, false, 0, 0, 0755)));
            }
        };
    }
}
