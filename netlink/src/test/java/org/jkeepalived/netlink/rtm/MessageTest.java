package org.jkeepalived.netlink.rtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void ackAndErrorWithExtendedAck() {
        List<Message> messages = Message.parseAll(HexVector.buffer("""
            24000000 0200 0001 05000000 10000000 // nlmsghdr: len 36, NLMSG_ERROR, CAPPED, seq 5
            00000000                             // error 0: an ACK
            2c000000 1400 0505 05000000 00000000 //   the request's header (capped)
            34000000 0200 0003 06000000 10000000 // nlmsghdr: len 52, NLMSG_ERROR, CAPPED|ACK_TLVS, seq 6
            efffffff                             // error -17 (EEXIST)
            2c000000 1400 0505 06000000 00000000 //   the request's header
            1000 0100 46696c652065786973747300   // NLMSGERR_ATTR_MSG "File exists\\0" (len 16)
            """));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).errorCode()).isZero();
        assertThat(messages.get(0).errorRequestSequence()).isEqualTo(5);
        assertThat(messages.get(1).errorCode()).isEqualTo(-17);
        assertThat(messages.get(1).extendedAckMessage()).isEqualTo("File exists");
    }

    @Test
    void malformedLengthIsAClearError() {
        assertThatThrownBy(() -> Message.parseAll(HexVector.buffer("""
            40000000 0200 0000 01000000 00000000 // nlmsghdr claiming 64 bytes with only 16 present
            """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nlmsg_len 64");
    }
}
