package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code virtual_server} with keepalived's LVS defaults (lb_algo wlc, lb_kind NAT, delay_loop 60 s,
 * protocol TCP unless an error defaulted it).
 *
 * @param address          address, or null for fwmark/group services
 * @param port             port (0 when not given)
 * @param fwmark           firewall mark, or -1
 * @param group            virtual_server_group name, or null
 * @param protocol         "TCP", "UDP" or "SCTP"
 * @param lbAlgo           scheduler
 * @param lbKind           forwarding method
 * @param delayLoopMicros  checker interval
 * @param persistenceTimeoutSeconds persistence timeout, 0 = none
 * @param quorum           minimum live weight
 * @param hysteresis       quorum hysteresis
 * @param sorryServer      "ADDR [PORT]" or null
 * @param realServers      real servers
 * @param settings         every other keyword with its raw arguments
 */
public record VirtualServer(String address, int port, long fwmark, String group, String protocol, String lbAlgo,
                            String lbKind, long delayLoopMicros, long persistenceTimeoutSeconds, long quorum,
                            long hysteresis, String sorryServer, List<RealServer> realServers,
                            Map<String, List<String>> settings) {
    public VirtualServer {
        realServers = List.copyOf(realServers);
        settings = Map.copyOf(settings);
    }
}
