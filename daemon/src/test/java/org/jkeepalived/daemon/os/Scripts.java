package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes executable test scripts. */
public final class Scripts {
    private Scripts() {
    }

    /** Writes {@code body} after a {@code #!/bin/sh} line, mode 0755. */
    public static Path write(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A script that appends one line per argument to {@code out}, then a "--" line. */
    public static Path argvRecorder(Path dir, String name, Path out) throws IOException {
        return write(dir, name, "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + out + "'; done\n"
                + "echo -- >> '" + out + "'");
    }
}
