package org.jkeepalived.config;

/**
 * How to parse: the config id for {@code @id} lines ({@code -i}, default the short host name),
 * {@code -e/--all-config} (include_check all), the interfaces of the current network namespace,
 * the script environment for script security, and the directory a relative {@code -f} path starts
 * from (keepalived prints the path as given, so {@code -f keepalived.conf} run from /etc/keepalived
 * prints {@code (keepalived.conf: Line N)}).
 *
 * @param configId         the config id; null = the short host name
 * @param allConfig        treat every include problem as an error
 * @param interfaces       interfaces that exist
 * @param scripts          users, groups and files for script checks
 * @param workingDirectory where relative paths start; null = the JVM's working directory
 */
public record ParseOptions(String configId, boolean allConfig, HostInterfaces interfaces, ScriptEnvironment scripts,
                           java.nio.file.Path workingDirectory) {

    public ParseOptions {
        if (configId == null) {
            configId = shortHostName();
        }
        if (interfaces == null) {
            interfaces = HostInterfaces.system();
        }
        if (scripts == null) {
            scripts = ScriptEnvironment.system();
        }
    }

    /** Options for the real host: short host name, the system's interfaces and files, the cwd. */
    public static ParseOptions forHost() {
        return new ParseOptions(null, false, HostInterfaces.system(), ScriptEnvironment.system(), null);
    }

    public ParseOptions withConfigId(String id) {
        return new ParseOptions(id, allConfig, interfaces, scripts, workingDirectory);
    }

    public ParseOptions withAllConfig(boolean all) {
        return new ParseOptions(configId, all, interfaces, scripts, workingDirectory);
    }

    public ParseOptions withWorkingDirectory(java.nio.file.Path dir) {
        return new ParseOptions(configId, allConfig, interfaces, scripts, dir);
    }

    /** The host name up to the first '.', as keepalived derives its default config id. */
    public static String shortHostName() {
        String name;
        try {
            name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            name = "localhost";
        }
        int dot = name.indexOf('.');
        return dot >= 0 ? name.substring(0, dot) : name;
    }
}
