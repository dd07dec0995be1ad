package org.jkeepalived.config;

/**
 * How to parse: the config id for {@code @id} lines ({@code -i}, default the short host name),
 * {@code -e/--all-config} (include_check all), the interfaces of the current network namespace,
 * and the script environment for script security.
 *
 * @param configId      the config id, never null
 * @param allConfig     treat every include problem as an error
 * @param interfaces    interfaces that exist
 * @param scripts       users, groups and files for script checks
 */
public record ParseOptions(String configId, boolean allConfig, HostInterfaces interfaces, ScriptEnvironment scripts) {

    /** Options for the real host: short host name, the system's interfaces and files. */
    public static ParseOptions forHost() {
        return new ParseOptions(shortHostName(), false, HostInterfaces.system(), ScriptEnvironment.system());
    }

    public ParseOptions withConfigId(String id) {
        return new ParseOptions(id, allConfig, interfaces, scripts);
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
