package org.jkeepalived.vrrp.codec;

import static org.jkeepalived.vrrp.codec.FrameLayout.*;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * keepalived's VRRPv2 IPsec AH: HMAC-MD5-96 over the IPv4 header (TOS, fragment field and header
 * checksum zeroed; TTL too for unicast), the AH header with a zero ICV, and the VRRP message. The
 * key is the password NUL-padded to 8 bytes; the SPI is the source address.
 *
 * <p>Not thread-safe (reuses a {@link Mac} and scratch buffers); one per instance.
 */
public final class AhAuthenticator {

    private static final int MAX_IPV4_HEADER = 60;

    private final Mac mac;
    private final byte[] headers = new byte[MAX_IPV4_HEADER + AH_LENGTH];
    private final byte[] digest = new byte[16];
    private final byte[] expected = new byte[AH_ICV_LENGTH];

    /** @param password the configured {@code auth_pass}; only its first 8 bytes count */
    public AhAuthenticator(byte[] password) {
        byte[] key = new byte[VRRP_V2_AUTH_DATA_LENGTH];
        System.arraycopy(password, 0, key, 0, Math.min(password.length, key.length));
        try {
            mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available in this JRE", e);
        }
    }

    /**
     * Computes the ICV of the IPv4 packet at {@code ip} (AH header right after the IPv4 header)
     * into {@code out[outOffset..+12]}.
     */
    public void computeIcv(byte[] packet, int ip, int packetLength, boolean unicast, byte[] out, int outOffset) {
        int headerLength = (packet[ip] & 0x0f) * 4;
        int covered = headerLength + AH_LENGTH;
        System.arraycopy(packet, ip, headers, 0, covered);
        headers[IPV4_TOS_OFFSET] = 0;
        headers[IPV4_FRAGMENT_OFFSET] = 0;
        headers[IPV4_FRAGMENT_OFFSET + 1] = 0;
        headers[IPV4_CHECKSUM_OFFSET] = 0;
        headers[IPV4_CHECKSUM_OFFSET + 1] = 0;
        if (unicast) {
            headers[IPV4_TTL_OFFSET] = 0;
        }
        for (int i = 0; i < AH_ICV_LENGTH; i++) {
            headers[headerLength + AH_ICV_OFFSET + i] = 0;
        }
        mac.update(headers, 0, covered);
        mac.update(packet, ip + covered, packetLength - covered);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
        System.arraycopy(digest, 0, out, outOffset, AH_ICV_LENGTH);
    }

    /**
     * Verifies a valid view's ICV (constant time) and that the SPI equals the source address.
     * The sequence-number replay check belongs to the instance.
     */
    public boolean verify(AdvertView view, boolean unicast) {
        if (!view.hasAh()) {
            return false;
        }
        byte[] b = view.buffer();
        int ip = view.ipOffset();
        computeIcv(b, ip, view.ipPacketLength(), unicast, expected, 0);
        int icv = view.ahOffset() + AH_ICV_OFFSET;
        int difference = 0;
        for (int i = 0; i < AH_ICV_LENGTH; i++) {
            difference |= b[icv + i] ^ expected[i];
        }
        boolean icvOk = difference == 0;
        boolean spiOk = u32(b, view.ahOffset() + AH_SPI_OFFSET) == u32(b, ip + IPV4_SOURCE_OFFSET);
        return icvOk && spiOk;
    }
}
