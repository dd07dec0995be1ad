package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.StaticConfig;
import org.jkeepalived.vrrp.port.InterfacePort;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root-level {@code static_ipaddress}, {@code static_routes} and {@code static_rules}, as
 * keepalived 2.2.7 handles them (observed in a namespace): installed at startup whatever the VRRP
 * states, addresses then routes then rules; on reload the ones that went are removed and the new
 * ones added; removed at stop. Kernel errors are logged, never thrown. Loop thread only.
 */
final class StaticRouting {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final InterfacePort port;
    private final RouteTable kernel;
    private final ToIntFunction<String> ifindex;
    private final Consumer<String> detailLog;
    private List<VirtualAddress> addresses = List.of();
    private InstanceRoutes routes;

    StaticRouting(InterfacePort port, RouteTable kernel, ToIntFunction<String> ifindex, Consumer<String> detailLog) {
        this.port = port;
        this.kernel = kernel;
        this.ifindex = ifindex;
        this.detailLog = detailLog;
    }

    /** Startup: installs everything {@code config} names. */
    void start(KeepalivedConfig config) {
        StaticConfig statics = config.statics();
        addresses = map(config);
        routes = new InstanceRoutes("", statics.routes(), statics.rules(), ifindex, detailLog);
        routes.logUnsupported();
        if (!addresses.isEmpty()) {
            call(() -> port.addAddresses(addresses), "add static addresses");
        }
        routes.install(kernel);
    }

    /** Reload: removes what {@code next} no longer names, adds what it names anew. */
    void reload(KeepalivedConfig next) {
        if (routes == null) {
            start(next);
            return;
        }
        List<VirtualAddress> wanted = map(next);
        List<VirtualAddress> gone = new ArrayList<>(addresses);
        gone.removeAll(wanted);
        List<VirtualAddress> added = new ArrayList<>(wanted);
        added.removeAll(addresses);
        InstanceRoutes replacement = new InstanceRoutes("", next.statics().routes(), next.statics().rules(), ifindex,
                detailLog);
        replacement.logUnsupported();
        if (!added.isEmpty()) {
            call(() -> port.addAddresses(added), "add static addresses");
        }
        routes.reconfigure(next.statics().routes(), next.statics().rules(), kernel);
        if (!gone.isEmpty()) {
            call(() -> port.removeAddresses(gone), "remove static addresses");
        }
        addresses = wanted;
    }

    /** Stop: rules, routes, then addresses go. */
    void stop() {
        if (routes == null) {
            return;
        }
        routes.remove(kernel);
        if (!addresses.isEmpty()) {
            call(() -> port.removeAddresses(addresses), "remove static addresses");
        }
        routes = null;
        addresses = List.of();
    }

    private static List<VirtualAddress> map(KeepalivedConfig config) {
        String defaultInterface = config.globalDefs().defaultInterface();
        try {
            return VirtualAddresses.map(config.statics().addresses(), defaultInterface, null);
        } catch (IllegalArgumentException e) {
            LOG.error("static_ipaddress not set: {}", e.getMessage());
            return List.of();
        }
    }

    private interface KernelCall {
        void run() throws IOException;
    }

    private static void call(KernelCall call, String what) {
        try {
            call.run();
        } catch (IOException e) {
            LOG.error("Failed to {}: {}", what, e.getMessage());
        }
    }
}
