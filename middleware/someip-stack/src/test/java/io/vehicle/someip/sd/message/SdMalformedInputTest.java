package io.vehicle.someip.sd.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per class of malformed SD input: whole-message rejection versus per-entry rejection. */
class SdMalformedInputTest {

    /** An OfferService 0x1234/1 v1.0, TTL 3, with the given option run fields. */
    private static String offer(int index1, int index2, int count1, int count2) {
        return String.format("01%02x%02x%x%x" + "1234" + "0001" + "01" + "000003" + "00000000",
                index1, index2, count1, count2);
    }

    private static String subscribe(int index1, int count1) {
        return String.format("06%02x00%x0" + "1234" + "0001" + "01" + "000003" + "00000010", index1, count1);
    }

    private static final String UDP_ENDPOINT = "0009" + "04" + "00" + "c0a8000a" + "00" + "11" + "772d";
    private static final String TCP_ENDPOINT = "0009" + "04" + "00" + "c0a8000a" + "00" + "06" + "772e";

    private static String message(String entries, String options) {
        return "c0000000" + String.format("%08x", entries.length() / 2) + entries
                + String.format("%08x", options.length() / 2) + options;
    }

    private static DecodedSdMessage decode(String hex) throws SdFormatException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        ByteBuf payload = Unpooled.buffer(bytes.length).writeBytes(bytes);
        try {
            DecodedSdMessage decoded = SdCodec.decode(payload);
            assertThat(payload.readerIndex()).isZero();
            return decoded;
        } finally {
            assertThat(payload.release()).isTrue();
        }
    }

    private static void assertRejected(String hex, SdFormatError error) {
        assertThatThrownBy(() -> decode(hex)).isInstanceOfSatisfying(SdFormatException.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    @DisplayName("feat_req_someipsd_1164: fewer than 12 bytes is not an SD message")
    void truncatedHeader() {
        assertRejected("", SdFormatError.TRUNCATED_HEADER);
        assertRejected("c000000000000000000000", SdFormatError.TRUNCATED_HEADER);
    }

    @Test
    @DisplayName("feat_req_someipsd_44, feat_req_someipsd_1164: entries array length past the end")
    void entriesLengthPastEnd() {
        assertRejected("c0000000" + "00000020" + offer(0, 0, 0, 0) + "00000000", SdFormatError.ENTRIES_LENGTH_BEYOND_END);
        assertRejected("c0000000" + "ffffffff" + "00000000", SdFormatError.ENTRIES_LENGTH_BEYOND_END);
    }

    @Test
    @DisplayName("feat_req_someipsd_47: an entries array that is not whole 16-byte entries")
    void entriesLengthNotMultipleOf16() {
        assertRejected("c0000000" + "00000004" + "01000000" + "00000000", SdFormatError.ENTRIES_LENGTH_NOT_MULTIPLE_OF_16);
    }

    @Test
    @DisplayName("feat_req_someipsd_103: no options array length after the entries array")
    void missingOptionsLength() {
        assertRejected("c0000000" + "00000010" + offer(0, 0, 0, 0), SdFormatError.MISSING_OPTIONS_LENGTH);
    }

    @Test
    @DisplayName("feat_req_someipsd_44, feat_req_someipsd_1164: options array length past the end")
    void optionsLengthPastEnd() {
        assertRejected("c0000000" + "00000000" + "0000000d" + UDP_ENDPOINT, SdFormatError.OPTIONS_LENGTH_BEYOND_END);
    }

    @Test
    @DisplayName("feat_req_someipsd_26: bytes after the options array")
    void trailingBytes() {
        assertRejected(message("", "") + "00", SdFormatError.TRAILING_BYTES);
    }

    @Test
    @DisplayName("feat_req_someipsd_133: an option length past the end of the options array")
    void optionLengthPastEnd() {
        assertRejected(message(offer(0, 0, 1, 0), "000a0400c0a8000a0011772d"), SdFormatError.OPTION_LENGTH_BEYOND_END);
        assertRejected(message(offer(0, 0, 1, 0), "0009"), SdFormatError.TRUNCATED_OPTION_HEADER);
    }

    @Test
    @DisplayName("feat_req_someipsd_1164, feat_req_someipsd_102, feat_req_someipsd_1142: an entry referencing a missing option is rejected, the others are kept")
    void entryReferencingMissingOption() throws Exception {
        DecodedSdMessage decoded = decode(message(offer(0, 0, 2, 0) + subscribe(0, 1), UDP_ENDPOINT));
        assertThat(decoded.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(EntryRejection.MISSING_OPTION);
            assertThat(r.position()).isZero();
            assertThat(r.entry()).isInstanceOf(OfferService.class);
            assertThat(r.indexes()).isEqualTo(new OptionRunIndexes(0, 0, 2, 0));
        });
        assertThat(decoded.message().entries()).singleElement().isInstanceOf(SubscribeEventgroup.class);
        assertThat(decoded.message().entries().get(0).firstRun()).hasSize(1);
        // A second run pointing past the array is as missing as a first one.
        assertThat(decode(message(offer(0, 5, 1, 1), UDP_ENDPOINT)).rejected())
                .extracting(RejectedSdEntry::reason).containsExactly(EntryRejection.MISSING_OPTION);
    }

    @Test
    @DisplayName("feat_req_someipsd_1144, feat_req_someipsd_1137: a subscribe with conflicting endpoints is rejected so it can be Nacked")
    void conflictingOptions() throws Exception {
        String otherUdpPort = "0009" + "04" + "00" + "c0a8000a" + "00" + "11" + "7730";
        DecodedSdMessage decoded = decode(message(subscribe(0, 2), UDP_ENDPOINT + otherUdpPort));
        assertThat(decoded.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(EntryRejection.CONFLICTING_OPTIONS);
            SubscribeEventgroup subscribe = (SubscribeEventgroup) r.entry();
            assertThat(subscribe.nack().eventgroupId()).isEqualTo(0x10);
        });
        // UDP plus TCP is no conflict (feat_req_someipsd_849).
        assertThat(decode(message(offer(0, 0, 2, 0), UDP_ENDPOINT + TCP_ENDPOINT)).rejected()).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_102, feat_req_someipsd_1142: an unknown option is skipped when discardable and rejects the entry when not")
    void unknownOptionDiscardableVersusNot() throws Exception {
        String discardable = "0003" + "7f" + "80" + "abcd";
        String mandatory = "0003" + "7f" + "00" + "abcd";
        DecodedSdMessage skipped = decode(message(offer(0, 0, 2, 0), UDP_ENDPOINT + discardable));
        assertThat(skipped.rejected()).isEmpty();
        OfferService offer = (OfferService) skipped.message().entries().get(0);
        assertThat(offer.options()).containsExactly(ipv4Udp());
        UnknownOption kept = (UnknownOption) skipped.message().options().get(1);
        assertThat(kept.type()).isEqualTo(0x7f);
        assertThat(kept.discardable()).isTrue();
        assertThat(kept.content()).containsExactly(0x80, 0xab, 0xcd);

        DecodedSdMessage refused = decode(message(offer(0, 0, 2, 0), UDP_ENDPOINT + mandatory));
        assertThat(refused.message().entries()).isEmpty();
        assertThat(refused.rejected()).extracting(RejectedSdEntry::reason)
                .containsExactly(EntryRejection.UNKNOWN_OPTION_NOT_DISCARDABLE);
        // An unknown option nobody references harms nothing.
        assertThat(decode(message(offer(0, 0, 1, 0), UDP_ENDPOINT + mandatory)).rejected()).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_102: a known option with the wrong length, an unknown L4 protocol or a unicast multicast address is malformed")
    void malformedKnownOptions() throws Exception {
        String shortEndpoint = "0008" + "04" + "00" + "c0a8000a" + "00" + "11" + "77";
        String sctpEndpoint = "0009" + "04" + "00" + "c0a8000a" + "00" + "84" + "772d";
        String unicastMulticast = "0009" + "14" + "00" + "c0a8000a" + "00" + "11" + "772d";
        String unterminatedConfig = "0006" + "01" + "00" + "04" + "61" + "3d" + "62" + "63";
        for (String option : new String[] {shortEndpoint, sctpEndpoint, unicastMulticast, unterminatedConfig}) {
            DecodedSdMessage decoded = decode(message(offer(0, 0, 1, 0), option));
            assertThat(decoded.rejected()).as(option).extracting(RejectedSdEntry::reason)
                    .containsExactly(EntryRejection.MALFORMED_OPTION);
            assertThat(decoded.message().options()).singleElement().isInstanceOf(UnknownOption.class);
        }
    }

    @Test
    @DisplayName("feat_req_someipsd_1114, feat_req_someipsd_854, feat_req_someipsd_106: option types an entry may not reference")
    void optionsNotAllowed() throws Exception {
        String sdEndpoint = "0009" + "24" + "00" + "c0a8000a" + "00" + "11" + "771a";
        assertThat(decode(message(offer(0, 0, 1, 0), sdEndpoint)).rejected()).extracting(RejectedSdEntry::reason)
                .containsExactly(EntryRejection.OPTION_NOT_ALLOWED);
        String ack = "07000010" + "1234" + "0001" + "01" + "000003" + "00000010";
        assertThat(decode(message(ack, UDP_ENDPOINT)).rejected()).extracting(RejectedSdEntry::reason)
                .containsExactly(EntryRejection.OPTION_NOT_ALLOWED);
        // A Find entry drops its endpoint options and is processed (feat_req_someipsd_106).
        String find = "00000010" + "1234" + "ffff" + "ff" + "000003" + "ffffffff";
        DecodedSdMessage decodedFind = decode(message(find, UDP_ENDPOINT));
        assertThat(decodedFind.rejected()).isEmpty();
        assertThat(decodedFind.message().entries()).singleElement().satisfies(e -> assertThat(e.options()).isEmpty());
    }

    @Test
    @DisplayName("feat_req_someipsd_862: an unknown entry type is skipped and the entries after it are processed")
    void unknownEntryType() throws Exception {
        String unknown = "05000000" + "1234" + "0001" + "01" + "000003" + "00000000";
        DecodedSdMessage decoded = decode(message(unknown + offer(0, 0, 1, 0), UDP_ENDPOINT));
        assertThat(decoded.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(EntryRejection.UNKNOWN_ENTRY_TYPE);
            assertThat(r.wireType()).isEqualTo(0x05);
            assertThat(r.entry()).isNull();
        });
        assertThat(decoded.message().entries()).singleElement().isInstanceOf(OfferService.class);
    }

    @Test
    @DisplayName("feat_req_someipsd_44, feat_req_someipsd_343, feat_req_someipsd_347: zero-length arrays and empty runs with non-zero index")
    void zeroLengthArraysAndEmptyRuns() throws Exception {
        DecodedSdMessage empty = decode(message("", ""));
        assertThat(empty.message().entries()).isEmpty();
        assertThat(empty.message().options()).isEmpty();
        assertThat(empty.message().reboot()).isTrue();
        assertThat(empty.message().unicast()).isTrue();

        DecodedSdMessage emptyRuns = decode(message(offer(7, 9, 0, 0), ""));
        assertThat(emptyRuns.rejected()).isEmpty();
        assertThat(emptyRuns.indexes()).containsExactly(new OptionRunIndexes(7, 9, 0, 0));
        assertThat(emptyRuns.message().entries().get(0).options()).isEmpty();
    }

    @Test
    @DisplayName("feat_req_someipsd_1180, feat_req_someipsd_42: undefined flag bits and reserved bits are ignored on receipt")
    void reservedBitsIgnored() throws Exception {
        DecodedSdMessage decoded = decode("3f" + "ffffff" + "00000000" + "00000000");
        assertThat(decoded.message().reboot()).isFalse();
        assertThat(decoded.message().unicast()).isFalse();
        assertThat(decoded.message().explicitInitialDataControl()).isTrue();
    }

    @Test
    @DisplayName("feat_req_someipsd_26, feat_req_someipsd_1220: a SOME/IP message that is not SD is refused")
    void notAnSdHeader() {
        var message = io.vehicle.someip.wire.SomeIpMessage.builder(0x1234, 0x8100,
                io.vehicle.someip.wire.MessageType.NOTIFICATION).interfaceVersion(1)
                .payload(Unpooled.wrappedBuffer(HexFormat.of().parseHex(message("", "")))).build();
        try {
            assertThatThrownBy(() -> SdCodec.decode(message)).isInstanceOfSatisfying(SdFormatException.class,
                    e -> assertThat(e.error()).isEqualTo(SdFormatError.NOT_SD_HEADER));
        } finally {
            assertThat(message.release()).isTrue();
        }
    }

    private static Ipv4EndpointOption ipv4Udp() {
        return new Ipv4EndpointOption((java.net.Inet4Address) SdMessageTree.address("192.168.0.10"),
                TransportProtocol.UDP, 30509);
    }
}
