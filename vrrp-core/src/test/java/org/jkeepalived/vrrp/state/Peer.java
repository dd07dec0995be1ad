package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertEncoder;
import org.jkeepalived.vrrp.codec.AdvertTemplate;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;

/** Test helpers: settings for 192.0.2.0/24 instances and adverts from a remote router. */
final class Peer {

    static final byte[] MAC_LOCAL = {2, 0, 0, 0, 0, 1};
    static final byte[] MAC_REMOTE = {2, 0, 0, 0, 0, 2};

    private Peer() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static VirtualAddress vip(String text) {
        return new VirtualAddress(ip(text), text.contains(":") ? 128 : 32, "eth0", null, null, null, 0, true, false);
    }

    /** VI_1, VRID 51, VIP 192.0.2.100, source 192.0.2.1. */
    static InstanceSettings.Builder settings() {
        return InstanceSettings.builder("VI_1", 51).virtualAddresses(List.of(vip("192.0.2.100")))
                .sourceMac(MAC_LOCAL).sourceAddress(ip("192.0.2.1"));
    }

    /** A VALID view of an advert from {@code source} with the given fields, multicast. */
    static AdvertView advert(String source, int version, int priority, int wireInterval, String... vips) {
        return advert(source, version, priority, wireInterval, AuthType.NONE, null,
                Destination.multicast(IpFamily.IPV4), 255, vips.length == 0 ? new String[] {"192.0.2.100"} : vips);
    }

    static AdvertView advert(String source, int version, int priority, int wireInterval, AuthType auth,
                             byte[] password, Destination to, int ttl, String... vips) {
        AdvertTemplate template = new AdvertTemplate(IpFamily.IPV4, version, 51, auth, password,
                java.util.Arrays.stream(vips).map(Peer::ip).toList(), MAC_REMOTE, ip(source), ttl, null);
        AdvertEncoder encoder = new AdvertEncoder(template);
        byte[] frame = new byte[encoder.frameLength()];
        encoder.encodeInto(frame, 0, priority, wireInterval, 1, 1, to);
        AdvertView view = new AdvertView();
        AdvertCheck check = view.wrapFrame(frame, 0, frame.length);
        if (check != AdvertCheck.VALID) {
            throw new AssertionError("test advert invalid: " + check);
        }
        return view;
    }
}
