package io.vehicle.someip.sdk.binding;

/** What a protobuf rpc is on SOME/IP, from its deployment options. */
public enum RpcKind {
    /** A unary rpc with a method id: request and response. */
    METHOD,
    /** A unary rpc deployed fire_and_forget: REQUEST_NO_RETURN. */
    FIRE_AND_FORGET,
    /** A server-streaming rpc with an event id: an event in its eventgroups. */
    EVENT,
    /** The getter of a field (feat_req_someip_632). */
    FIELD_GETTER,
    /** The setter of a field (feat_req_someip_633). */
    FIELD_SETTER,
    /** The notifier of a field (feat_req_someip_635). */
    FIELD_NOTIFIER
}
