/**
 * keepalived 2.2.7's VRRP state machine, pure: no clock, no I/O, no threads.
 *
 * <p>Use: build an {@link org.jkeepalived.vrrp.state.InstanceSettings} per {@code vrrp_instance}
 * (keepalived's defaults and strict-mode effects already applied), create a
 * {@link org.jkeepalived.vrrp.state.VrrpInstance} with an
 * {@link org.jkeepalived.vrrp.state.InstanceSink} (frames to send, VIPs to add/remove, notify
 * events, log lines), optionally join members to a {@link org.jkeepalived.vrrp.state.SyncGroup},
 * then feed {@link org.jkeepalived.vrrp.state.InstanceEvent}s with the monotonic time:
 * {@code Start}, {@code TimerExpired.INSTANCE} when the returned deadline is reached,
 * {@code AdvertReceived(view)} after {@code AdvertView.wrapFrame} returned {@code VALID},
 * {@code PacketRejected.of(reason)} otherwise, {@code LinkChanged}, {@code TrackerChanged},
 * {@code Reconfigure} on a reload (new settings, same state and counters), {@code Stop}. Every
 * {@code handle} returns the instance's next deadline.
 *
 * <p>Beyond keepalived: dual-master detection ({@code DualMasterDetector}, docs/dual-master.md),
 * reported through {@code InstanceSink.dualMaster}, {@code InstanceStats} and
 * {@code VrrpInstance.dualMasterPeer()}.
 */
package org.jkeepalived.vrrp.state;
