package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.jkeepalived.vrrp.port.VirtualAddress;
import org.junit.jupiter.api.Test;

/** The VIP changes of one reload: the last request per address wins, removals listed apart from additions. */
class AddressBatchDiffTest {

    private static VirtualAddress vip(String text, String device) {
        try {
            return new VirtualAddress(InetAddress.getByName(text), 32, device, null, null, null, 0, false, false);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** keepalived #1854: removed by the deleted instance, added by the kept one: never taken off. */
    @Test
    void anAddressMovingBetweenInstancesIsNeverRemoved() {
        AddressBatch batch = new AddressBatch();
        batch.remove(List.of(vip("192.0.2.20", "eth0")));
        batch.add(List.of(vip("192.0.2.20", "eth0")));
        assertThat(batch.removals()).isEmpty();
        assertThat(batch.additions()).containsExactly(vip("192.0.2.20", "eth0"));
    }

    @Test
    void anAddressAddedThenReleasedInTheSameReloadIsRemoved() {
        AddressBatch batch = new AddressBatch();
        batch.add(List.of(vip("192.0.2.11", "eth0")));
        batch.remove(List.of(vip("192.0.2.11", "eth0"), vip("192.0.2.10", "eth0")));
        assertThat(batch.additions()).isEmpty();
        assertThat(batch.removals()).containsExactly(vip("192.0.2.11", "eth0"), vip("192.0.2.10", "eth0"));
    }

    @Test
    void theSameAddressOnAnotherDeviceIsAnotherAddress() {
        AddressBatch batch = new AddressBatch();
        batch.remove(List.of(vip("192.0.2.20", "eth0")));
        batch.add(List.of(vip("192.0.2.20", "eth1")));
        assertThat(batch.removals()).containsExactly(vip("192.0.2.20", "eth0"));
        assertThat(batch.additions()).containsExactly(vip("192.0.2.20", "eth1"));
    }
}
