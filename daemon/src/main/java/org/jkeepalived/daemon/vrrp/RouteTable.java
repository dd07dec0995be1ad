package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.util.List;

import org.jkeepalived.netlink.LinuxInterfacePort;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;

/**
 * Where routes and rules are installed: the kernel ({@link #of(LinuxInterfacePort)}), or a
 * reload's {@link RouteBatch}. Removing what is not there is not an error; an error names the
 * failing request.
 */
interface RouteTable {
    void addRoutes(List<RouteSpec> routes) throws IOException;

    void removeRoutes(List<RouteSpec> routes) throws IOException;

    void addRules(List<RuleSpec> rules) throws IOException;

    void removeRules(List<RuleSpec> rules) throws IOException;

    static RouteTable of(LinuxInterfacePort port) {
        return new RouteTable() {
            @Override
            public void addRoutes(List<RouteSpec> routes) throws IOException {
                port.addRoutes(routes);
            }

            @Override
            public void removeRoutes(List<RouteSpec> routes) throws IOException {
                port.removeRoutes(routes);
            }

            @Override
            public void addRules(List<RuleSpec> rules) throws IOException {
                port.addRules(rules);
            }

            @Override
            public void removeRules(List<RuleSpec> rules) throws IOException {
                port.removeRules(rules);
            }
        };
    }
}
