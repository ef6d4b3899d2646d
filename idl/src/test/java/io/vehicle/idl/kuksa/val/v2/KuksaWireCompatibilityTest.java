package io.vehicle.idl.kuksa.val.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our kuksa.val.v2 files against the wire contract published by the Eclipse KUKSA databroker
 * (proto/kuksa/val/v2/types.proto and val.proto, release 0.7.0): the tables below were transcribed from
 * it and are the reference. Every message, field (name, number, type, repeated/map/oneof), enum value and
 * rpc must be there, and nothing else, so an unchanged KUKSA client reads and writes our messages.
 */
class KuksaWireCompatibilityTest {

    /** message, field, number, type (scalar, message or enum in kuksa.val.v2, or map), repeated or oneof. */
    private static final String PUBLISHED_FIELDS = """
            Datapoint                  timestamp                      1  google.protobuf.Timestamp  -
            Datapoint                  value                          2  Value                      -
            Value                      string                        11  string                     oneof:typed_value
            Value                      bool                          12  bool                       oneof:typed_value
            Value                      int32                         13  sint32                     oneof:typed_value
            Value                      int64                         14  sint64                     oneof:typed_value
            Value                      uint32                        15  uint32                     oneof:typed_value
            Value                      uint64                        16  uint64                     oneof:typed_value
            Value                      float                         17  float                      oneof:typed_value
            Value                      double                        18  double                     oneof:typed_value
            Value                      string_array                  21  StringArray                oneof:typed_value
            Value                      bool_array                    22  BoolArray                  oneof:typed_value
            Value                      int32_array                   23  Int32Array                 oneof:typed_value
            Value                      int64_array                   24  Int64Array                 oneof:typed_value
            Value                      uint32_array                  25  Uint32Array                oneof:typed_value
            Value                      uint64_array                  26  Uint64Array                oneof:typed_value
            Value                      float_array                   27  FloatArray                 oneof:typed_value
            Value                      double_array                  28  DoubleArray                oneof:typed_value
            SampleInterval             interval_ms                    1  uint32                     -
            Filter                     duration_ms                    1  uint32                     -
            Filter                     min_sample_interval            2  SampleInterval             -
            SignalID                   id                             1  int32                      oneof:signal
            SignalID                   path                           2  string                     oneof:signal
            Error                      code                           1  ErrorCode                  -
            Error                      message                        2  string                     -
            Metadata                   path                           9  string                     -
            Metadata                   id                            10  int32                      -
            Metadata                   data_type                     11  DataType                   -
            Metadata                   entry_type                    12  EntryType                  -
            Metadata                   description                   13  string                     -
            Metadata                   comment                       14  string                     -
            Metadata                   deprecation                   15  string                     -
            Metadata                   unit                          16  string                     -
            Metadata                   allowed_values                17  Value                      -
            Metadata                   min                           18  Value                      -
            Metadata                   max                           19  Value                      -
            Metadata                   min_sample_interval           20  SampleInterval             -
            StringArray                values                         1  string                     repeated
            BoolArray                  values                         1  bool                       repeated
            Int32Array                 values                         1  sint32                     repeated
            Int64Array                 values                         1  sint64                     repeated
            Uint32Array                values                         1  uint32                     repeated
            Uint64Array                values                         1  uint64                     repeated
            FloatArray                 values                         1  float                      repeated
            DoubleArray                values                         1  double                     repeated
            GetValueRequest            signal_id                      1  SignalID                   -
            GetValueResponse           data_point                     1  Datapoint                  -
            GetValuesRequest           signal_ids                     1  SignalID                   repeated
            GetValuesResponse          data_points                    1  Datapoint                  repeated
            SubscribeRequest           signal_paths                   1  string                     repeated
            SubscribeRequest           buffer_size                    2  uint32                     -
            SubscribeRequest           filter                         3  Filter                     -
            SubscribeResponse          entries                        1  map<string,Datapoint>      -
            SubscribeByIdRequest       signal_ids                     1  int32                      repeated
            SubscribeByIdRequest       buffer_size                    2  uint32                     -
            SubscribeByIdRequest       filter                         3  Filter                     -
            SubscribeByIdResponse      entries                        1  map<int32,Datapoint>       -
            ActuateRequest             signal_id                      1  SignalID                   -
            ActuateRequest             value                          2  Value                      -
            BatchActuateRequest        actuate_requests               1  ActuateRequest             repeated
            ListMetadataRequest        root                           1  string                     -
            ListMetadataRequest        filter                         2  string                     -
            ListMetadataResponse       metadata                       1  Metadata                   repeated
            PublishValueRequest        signal_id                      1  SignalID                   -
            PublishValueRequest        data_point                     2  Datapoint                  -
            PublishValuesRequest       request_id                     1  uint32                     -
            PublishValuesRequest       data_points                    2  map<int32,Datapoint>       -
            PublishValuesResponse      request_id                     1  uint32                     -
            PublishValuesResponse      status                         2  map<int32,Error>           -
            ProvideActuationRequest    actuator_identifiers           1  SignalID                   repeated
            ProvideSignalRequest       signals_sample_intervals       1  map<int32,SampleInterval>  -
            BatchActuateStreamRequest  actuate_requests               1  ActuateRequest             repeated
            BatchActuateStreamResponse signal_id                      1  SignalID                   -
            BatchActuateStreamResponse error                          2  Error                      -
            UpdateFilterRequest        request_id                     1  uint32                     -
            UpdateFilterRequest        filters_update                 2  map<int32,Filter>          -
            UpdateFilterResponse       request_id                     1  uint32                     -
            UpdateFilterResponse       filter_error                   2  FilterError                -
            ProviderErrorIndication    provider_error                 1  ProviderError              -
            GetProviderValueRequest    request_id                     1  uint32                     -
            GetProviderValueRequest    signal_ids                     2  int32                      repeated
            GetProviderValueResponse   request_id                     1  uint32                     -
            GetProviderValueResponse   entries                        2  map<int32,Datapoint>       -
            OpenProviderStreamRequest  provide_actuation_request      1  ProvideActuationRequest    oneof:action
            OpenProviderStreamRequest  publish_values_request         2  PublishValuesRequest       oneof:action
            OpenProviderStreamRequest  batch_actuate_stream_response  3  BatchActuateStreamResponse oneof:action
            OpenProviderStreamRequest  provide_signal_request         4  ProvideSignalRequest       oneof:action
            OpenProviderStreamRequest  update_filter_response         5  UpdateFilterResponse       oneof:action
            OpenProviderStreamRequest  get_provider_value_response    6  GetProviderValueResponse   oneof:action
            OpenProviderStreamRequest  provider_error_indication      7  ProviderErrorIndication    oneof:action
            OpenProviderStreamResponse provide_actuation_response     1  ProvideActuationResponse   oneof:action
            OpenProviderStreamResponse publish_values_response        2  PublishValuesResponse      oneof:action
            OpenProviderStreamResponse batch_actuate_stream_request   3  BatchActuateStreamRequest  oneof:action
            OpenProviderStreamResponse provide_signal_response        4  ProvideSignalResponse      oneof:action
            OpenProviderStreamResponse update_filter_request          5  UpdateFilterRequest        oneof:action
            OpenProviderStreamResponse get_provider_value_request     6  GetProviderValueRequest    oneof:action
            GetServerInfoResponse      name                           1  string                     -
            GetServerInfoResponse      version                        2  string                     -
            GetServerInfoResponse      commit_hash                    3  string                     -
            """;

    /** Messages without fields, which the field table cannot show. */
    private static final Set<String> PUBLISHED_EMPTY_MESSAGES = Set.of("ActuateResponse", "BatchActuateResponse",
            "PublishValueResponse", "ProvideActuationResponse", "ProvideSignalResponse", "GetServerInfoRequest");

    /** enum, value name, number. */
    private static final String PUBLISHED_ENUM_VALUES = """
            FilterError   FILTER_ERROR_CODE_UNSPECIFIED        0
            FilterError   FILTER_ERROR_CODE_UNKNOWN_SINGAL_ID  1
            ProviderError CODE_UNSPECIFIED                     0
            ProviderError CODE_NETWORK_ERROR                   1
            ProviderError CODE_OVERLOAD                        2
            ErrorCode     ERROR_CODE_UNSPECIFIED               0
            ErrorCode     ERROR_CODE_OK                        1
            ErrorCode     ERROR_CODE_INVALID_ARGUMENT          2
            ErrorCode     ERROR_CODE_NOT_FOUND                 3
            ErrorCode     ERROR_CODE_PERMISSION_DENIED         4
            DataType      DATA_TYPE_UNSPECIFIED                0
            DataType      DATA_TYPE_STRING                     1
            DataType      DATA_TYPE_BOOLEAN                    2
            DataType      DATA_TYPE_INT8                       3
            DataType      DATA_TYPE_INT16                      4
            DataType      DATA_TYPE_INT32                      5
            DataType      DATA_TYPE_INT64                      6
            DataType      DATA_TYPE_UINT8                      7
            DataType      DATA_TYPE_UINT16                     8
            DataType      DATA_TYPE_UINT32                     9
            DataType      DATA_TYPE_UINT64                    10
            DataType      DATA_TYPE_FLOAT                     11
            DataType      DATA_TYPE_DOUBLE                    12
            DataType      DATA_TYPE_TIMESTAMP                 13
            DataType      DATA_TYPE_STRING_ARRAY              20
            DataType      DATA_TYPE_BOOLEAN_ARRAY             21
            DataType      DATA_TYPE_INT8_ARRAY                22
            DataType      DATA_TYPE_INT16_ARRAY               23
            DataType      DATA_TYPE_INT32_ARRAY               24
            DataType      DATA_TYPE_INT64_ARRAY               25
            DataType      DATA_TYPE_UINT8_ARRAY               26
            DataType      DATA_TYPE_UINT16_ARRAY              27
            DataType      DATA_TYPE_UINT32_ARRAY              28
            DataType      DATA_TYPE_UINT64_ARRAY              29
            DataType      DATA_TYPE_FLOAT_ARRAY               30
            DataType      DATA_TYPE_DOUBLE_ARRAY              31
            DataType      DATA_TYPE_TIMESTAMP_ARRAY           32
            EntryType     ENTRY_TYPE_UNSPECIFIED               0
            EntryType     ENTRY_TYPE_ATTRIBUTE                 1
            EntryType     ENTRY_TYPE_SENSOR                    2
            EntryType     ENTRY_TYPE_ACTUATOR                  3
            """;

    /** rpc, request, response, streaming (none, client, server, both). */
    private static final String PUBLISHED_RPCS = """
            GetValue            GetValueRequest            GetValueResponse            none
            GetValues           GetValuesRequest           GetValuesResponse           none
            Subscribe           SubscribeRequest           SubscribeResponse           server
            SubscribeById       SubscribeByIdRequest       SubscribeByIdResponse       server
            Actuate             ActuateRequest             ActuateResponse             none
            ActuateStream       ActuateRequest             ActuateResponse             client
            BatchActuate        BatchActuateRequest        BatchActuateResponse        none
            ListMetadata        ListMetadataRequest        ListMetadataResponse        none
            PublishValue        PublishValueRequest        PublishValueResponse        none
            OpenProviderStream  OpenProviderStreamRequest  OpenProviderStreamResponse  both
            GetServerInfo       GetServerInfoRequest       GetServerInfoResponse       none
            """;

    private static final String PACKAGE = "kuksa.val.v2";
    private static final List<FileDescriptor> OUR_FILES =
            List.of(KuksaTypesProto.getDescriptor(), KuksaValProto.getDescriptor());

    @Test
    @DisplayName("both files declare package kuksa.val.v2, the published file names, and the VAL service")
    void packageAndFiles() {
        assertThat(OUR_FILES).extracting(FileDescriptor::getPackage).containsOnly(PACKAGE);
        assertThat(OUR_FILES).extracting(FileDescriptor::getName)
                .containsExactly("kuksa/val/v2/types.proto", "kuksa/val/v2/val.proto");
        assertThat(KuksaValProto.getDescriptor().getServices()).extracting(ServiceDescriptor::getFullName)
                .containsExactly("kuksa.val.v2.VAL");
    }

    @Test
    @DisplayName("every published field has the same name, number, type and label, and no field is extra")
    void fieldsMatchThePublishedTable() {
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (String[] row : rows(PUBLISHED_FIELDS, 5)) {
            published.computeIfAbsent(row[0], m -> new ArrayList<>()).add(String.join(" ", row));
        }
        for (Map.Entry<String, List<String>> message : published.entrySet()) {
            Descriptor ours = message(message.getKey());
            List<String> actual = ours.getFields().stream().map(f -> describe(ours, f)).toList();
            assertThat(actual).as(message.getKey()).containsExactlyInAnyOrderElementsOf(message.getValue());
        }
        for (String empty : PUBLISHED_EMPTY_MESSAGES) {
            assertThat(message(empty).getFields()).as(empty).isEmpty();
        }
    }

    @Test
    @DisplayName("the files declare exactly the published messages and enums")
    void noExtraOrMissingTypes() {
        Set<String> publishedMessages = new TreeSet<>(PUBLISHED_EMPTY_MESSAGES);
        rows(PUBLISHED_FIELDS, 5).forEach(row -> publishedMessages.add(row[0]));
        Set<String> ourMessages = OUR_FILES.stream().flatMap(f -> f.getMessageTypes().stream())
                .map(Descriptor::getName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ourMessages).isEqualTo(publishedMessages).hasSize(48);

        Set<String> publishedEnums = rows(PUBLISHED_ENUM_VALUES, 3).stream().map(row -> row[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ourEnums = OUR_FILES.stream().flatMap(f -> f.getEnumTypes().stream())
                .map(EnumDescriptor::getName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ourEnums).isEqualTo(publishedEnums);
    }

    @Test
    @DisplayName("every enum has exactly the published value names and numbers (ErrorCode, DataType, ...)")
    void enumValuesMatch() {
        Map<String, Set<String>> published = new LinkedHashMap<>();
        for (String[] row : rows(PUBLISHED_ENUM_VALUES, 3)) {
            published.computeIfAbsent(row[0], e -> new LinkedHashSet<>()).add(row[1] + "=" + row[2]);
        }
        for (Map.Entry<String, Set<String>> entry : published.entrySet()) {
            EnumDescriptor ours = KuksaTypesProto.getDescriptor().findEnumTypeByName(entry.getKey());
            assertThat(ours).as(entry.getKey()).isNotNull();
            Set<String> actual = ours.getValues().stream().map(v -> v.getName() + "=" + v.getNumber())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertThat(actual).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(ErrorCode.ERROR_CODE_NOT_FOUND.getNumber()).isEqualTo(3);
        assertThat(DataType.DATA_TYPE_STRING_ARRAY.getNumber()).isEqualTo(20);
    }

    @Test
    @DisplayName("VAL has the published rpcs with the same request, response and streaming shape")
    void rpcsMatch() {
        ServiceDescriptor val = KuksaValProto.getDescriptor().findServiceByName("VAL");
        List<String> actual = val.getMethods().stream().map(KuksaWireCompatibilityTest::describe).toList();
        List<String> published = rows(PUBLISHED_RPCS, 4).stream().map(row -> String.join(" ", row)).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    @DisplayName("golden bytes: signed ints are zigzag, oneof members and nested messages sit at the published tags")
    void goldenBytes() throws InvalidProtocolBufferException {
        // field 13 (int32), varint: tag 0x68; zigzag(-3) = 5
        assertBytes(Value.newBuilder().setInt32(-3).build(), "6805", Value.parser()::parseFrom);
        // field 14 (int64): tag 0x70; zigzag(-1) = 1
        assertBytes(Value.newBuilder().setInt64(-1).build(), "7001", Value.parser()::parseFrom);
        // field 17 (float), fixed32: tag (17 << 3 | 5) = 141 = varint 8d 01; 1.5f = 0x3fc00000 little-endian
        assertBytes(Value.newBuilder().setFloat(1.5f).build(), "8d010000c03f", Value.parser()::parseFrom);
        // field 23 (int32_array) holding packed sint32 values -1, 1: 0xba 0x01, length 4, field 1 packed [1, 2]
        assertBytes(Value.newBuilder().setInt32Array(Int32Array.newBuilder().addValues(-1).addValues(1)).build(),
                "ba01040a020102", Value.parser()::parseFrom);
        // GetValueRequest{signal_id{path "Vehicle.Speed"}}: 0a len 0f, then 12 len 0d and the path
        String path = HexFormat.of().formatHex("Vehicle.Speed".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertBytes(GetValueRequest.newBuilder().setSignalId(SignalID.newBuilder().setPath("Vehicle.Speed")).build(),
                "0a0f120d" + path, GetValueRequest.parser()::parseFrom);
        // SubscribeByIdResponse{entries{7: Datapoint{value{bool true}}}}: map entry = message{1: key, 2: value}
        assertBytes(SubscribeByIdResponse.newBuilder()
                        .putEntries(7, Datapoint.newBuilder().setValue(Value.newBuilder().setBool(true)).build()).build(),
                "0a080807120412026001", SubscribeByIdResponse.parser()::parseFrom);
    }

    private interface Parser<M> {
        M parse(ByteString bytes) throws InvalidProtocolBufferException;
    }

    private static <M extends Message> void assertBytes(M message, String hex, Parser<M> parser)
            throws InvalidProtocolBufferException {
        assertThat(HexFormat.of().formatHex(message.toByteArray())).as(message.toString()).isEqualTo(hex);
        assertThat(parser.parse(ByteString.fromHex(hex))).isEqualTo(message);
    }

    private static Descriptor message(String name) {
        for (FileDescriptor file : OUR_FILES) {
            Descriptor found = file.findMessageTypeByName(name);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no message " + PACKAGE + "." + name);
    }

    private static String describe(Descriptor message, FieldDescriptor field) {
        String label;
        if (field.isMapField()) {
            label = "-";
        } else if (field.isRepeated()) {
            label = "repeated";
        } else if (field.getRealContainingOneof() != null) {
            label = "oneof:" + field.getRealContainingOneof().getName();
        } else {
            label = "-";
        }
        return String.join(" ", message.getName(), field.getName(), Integer.toString(field.getNumber()),
                typeName(field), label);
    }

    private static String describe(MethodDescriptor rpc) {
        String streaming = rpc.isClientStreaming()
                ? (rpc.isServerStreaming() ? "both" : "client")
                : (rpc.isServerStreaming() ? "server" : "none");
        return String.join(" ", rpc.getName(), rpc.getInputType().getName(), rpc.getOutputType().getName(), streaming);
    }

    private static String typeName(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            return "map<" + typeName(entry.findFieldByName("key")) + "," + typeName(entry.findFieldByName("value")) + ">";
        }
        return switch (field.getType()) {
            case MESSAGE -> local(field.getMessageType().getFullName());
            case ENUM -> local(field.getEnumType().getFullName());
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String local(String fullName) {
        return fullName.startsWith(PACKAGE + ".") ? fullName.substring(PACKAGE.length() + 1) : fullName;
    }

    private static List<String[]> rows(String table, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.strip().split("\\n")) {
            String[] row = line.strip().split("\\s+");
            assertThat(row).as("table row '%s'", line).hasSize(columns);
            rows.add(row);
        }
        return rows;
    }
}
