package org.jkeepalived.vrrp.codec;

/** The address family of an advert: decides header layout, address size and multicast group. */
public enum IpFamily {
    IPV4(4),
    IPV6(16);

    private final int addressLength;

    IpFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes per address: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }
}
