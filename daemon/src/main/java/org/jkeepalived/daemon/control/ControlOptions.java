package org.jkeepalived.daemon.control;

import java.nio.file.Path;

/**
 * Where the daemon offers its status and control plane.
 *
 * @param socket the control socket ({@code --control-socket}), or null for none
 * @param http   the HTTP listener ({@code --http-listen}), or null for none (the default)
 */
public record ControlOptions(Path socket, HttpListen http) {

    /** The default socket, no HTTP. */
    public static ControlOptions defaults() {
        return new ControlOptions(ControlService.DEFAULT_SOCKET, null);
    }

    /**
     * From the command line: {@code socketOption} null means the default, {@code none} or empty
     * means no socket; {@code httpOption} null means no listener. A socket path that cannot be used
     * (too long, no permission) is not an error here: the daemon logs it and runs without a socket.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static ControlOptions parse(String socketOption, String httpOption) {
        Path socket = socketOption == null ? ControlService.DEFAULT_SOCKET
                : socketOption.isEmpty() || socketOption.equals("none") ? null : Path.of(socketOption);
        return new ControlOptions(socket, httpOption == null ? null : HttpListen.parse(httpOption));
    }
}
