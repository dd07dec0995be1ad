package org.jkeepalived.vrrp.codec;

/**
 * VRRPv2 authentication (RFC 2338 §5.3.6, as keepalived implements it). VRRPv3 has none and
 * always uses {@link #NONE}.
 */
public enum AuthType {
    /** No authentication: 8 zero bytes of auth data in v2. */
    NONE(0),
    /** Simple text password, 8 bytes NUL-padded, compared in constant time. */
    PASS(1),
    /** IPsec AH (HMAC-MD5-96) between the IPv4 header and VRRP, keepalived's framing. */
    AH(2);

    private final int wireValue;

    AuthType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the VRRPv2 "Auth Type" field. */
    public int wireValue() {
        return wireValue;
    }

    /** The auth type for a wire value, or {@code null} when it is not 0, 1 or 2. */
    public static AuthType fromWire(int value) {
        switch (value) {
            case 0: return NONE;
            case 1: return PASS;
            case 2: return AH;
            default: return null;
        }
    }
}
