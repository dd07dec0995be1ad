package org.jkeepalived.config.model;

/** The IP family of an instance or address. */
public enum AddressFamily {
    IPV4, IPV6;

    /** The family of a textual address: IPv6 iff it contains a colon (keepalived's rule). */
    public static AddressFamily of(String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
