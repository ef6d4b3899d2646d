package io.vehicle.someip.sdk.binding;

import com.google.protobuf.Descriptors.Descriptor;

/** A SOME/IP field (feat_req_someip_631): its value type and its getter, setter and notifier rpcs (null if absent). */
public record FieldBinding(String name, Descriptor type, RpcBinding getter, RpcBinding setter, RpcBinding notifier) {
}
