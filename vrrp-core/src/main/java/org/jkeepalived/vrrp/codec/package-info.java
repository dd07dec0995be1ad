/**
 * The VRRP wire format, byte-exact with keepalived 2.2.7 (see the vectors under
 * {@code src/test/resources/vectors/}). Pure and allocation-free on the hot path.
 *
 * <p>Receiving: one {@link org.jkeepalived.vrrp.codec.AdvertView} per receiving thread;
 * {@link org.jkeepalived.vrrp.codec.AdvertView#wrapFrame(byte[], int, int)} (whole Ethernet frame)
 * or {@link org.jkeepalived.vrrp.codec.AdvertView#wrapIp(byte[], int, int)} (from the IP header)
 * returns an {@link org.jkeepalived.vrrp.codec.AdvertCheck}: {@code VALID}, or the packet-level
 * reason to count. Then dispatch by {@code view.vrid()} to the instance.
 *
 * <p>Sending: an {@link org.jkeepalived.vrrp.codec.AdvertEncoder} per instance, built from an
 * {@link org.jkeepalived.vrrp.codec.AdvertTemplate}; {@code encode(priority, interval, ipId,
 * ahSequence, destination)} returns a reused {@link java.nio.ByteBuffer} holding the whole frame.
 * {@link org.jkeepalived.vrrp.codec.AddressAnnouncements} writes gratuitous ARP and unsolicited
 * NA frames. The state machine ({@code org.jkeepalived.vrrp.state}) already drives all of this;
 * use the codec directly only for I/O-level code and tests.
 */
package org.jkeepalived.vrrp.codec;
