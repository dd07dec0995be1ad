package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code real_server} inside a virtual server.
 *
 * @param address   address
 * @param port      port (0 when not given)
 * @param weight    IPVS weight (default: the virtual server's weight, 1)
 * @param checkers  health checkers
 * @param settings  every other keyword with its raw arguments
 */
public record RealServer(String address, int port, int weight, List<Checker> checkers,
                         Map<String, List<String>> settings) {
    public RealServer {
        checkers = List.copyOf(checkers);
        settings = Map.copyOf(settings);
    }
}
