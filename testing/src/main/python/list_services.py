"""Imports every module protoc generated for Python below DIR and prints each rpc it declares.

Usage: list_services.py DIR, with DIR on PYTHONPATH. One line per rpc: "<service full name>/<rpc> <shape>",
shape being unary, client_stream, server_stream or bidi, so the Java test can compare with its descriptors.
"""
import importlib
import pathlib
import sys

from google.protobuf import descriptor_pb2


def shape(method):
    # Older protobuf runtimes lack MethodDescriptor.client_streaming; the descriptor proto has it.
    proto = descriptor_pb2.MethodDescriptorProto()
    method.CopyToProto(proto)
    return {(False, False): "unary", (True, False): "client_stream",
            (False, True): "server_stream", (True, True): "bidi"}[(proto.client_streaming, proto.server_streaming)]


def main(root):
    root = pathlib.Path(root)
    for module_file in sorted(root.rglob("*_pb2.py")):
        name = ".".join(module_file.relative_to(root).with_suffix("").parts)
        module = importlib.import_module(name)
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                print("%s/%s %s" % (service.full_name, method.name, shape(method)))
        importlib.import_module(name + "_grpc")


if __name__ == "__main__":
    main(sys.argv[1])
