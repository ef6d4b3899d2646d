"""Writes golden vector suites in the one format the Java runners read (io.vehicle.someip.vectors).

A suite is a YAML document: a comment saying what it holds and how it was made, then

    generator: <tool and version, script>   # left out in a suite written by hand
    vectors:
    - name: <unique, says what the vector shows>
      requirements: [feat_req_..., ...]       # ids of /work/shared/SPEC-INDEX.md
      source: scapy 2.5.0 | spec example feat_req_... | capture <file> | ours
      arguments: {...}                        # optional: what the decoder must be told
      hex: '<bytes on the wire>'              # or a list, one entry per datagram
      decoded: <the tree>
      encodesTo: '<bytes>'                    # optional: what we write when it is not hex

Byte strings are always quoted so that YAML never reads one as a number ('00000000', '1e10'); ids
and codes are written as hexadecimal integers (0x1234), which YAML 1.1 and Jackson both read.
The value classes are plain str/int/list/dict subclasses, so json.dumps takes them too; only dump()
needs PyYAML (python3-yaml), which the live peers (sd_peer.py) therefore do not.
"""


class Hex(str):
    """Bytes as lowercase hex, always quoted."""

    def __new__(cls, data):
        return str.__new__(cls, data.hex() if isinstance(data, (bytes, bytearray)) else data)


class HexInt(int):
    """An integer written as 0x0000 (ids, message types, return codes)."""

    def __new__(cls, value, digits=4):
        number = int.__new__(cls, value)
        number.digits = digits
        return number


class Flow(list):
    """A short list written on one line: [a, b]."""


class FlowMap(dict):
    """A short mapping written on one line: {a: 1, b: 2}."""


def vector(name, requirements, source, hex_, decoded, encodes_to=None, arguments=None):
    """One vector with its fields in the documented order."""
    v = {"name": name, "requirements": Flow(requirements), "source": source}
    if arguments is not None:
        v["arguments"] = FlowMap(arguments)
    v["hex"] = [Hex(h) for h in hex_] if isinstance(hex_, list) else Hex(hex_)
    v["decoded"] = decoded
    if encodes_to is not None:
        v["encodesTo"] = [Hex(h) for h in encodes_to] if isinstance(encodes_to, list) else Hex(encodes_to)
    return v


def dump(comment, generator, vectors):
    """The suite as text: the comment lines, then the YAML document."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(Hex, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))
    Dumper.add_representer(HexInt, lambda d, v: d.represent_scalar(
        "tag:yaml.org,2002:int", "0x%0*x" % (v.digits, int(v))))
    Dumper.add_representer(Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
    Dumper.add_representer(FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(),
                                                                      flow_style=True))
    header = "".join("# " + line + "\n" if line else "#\n" for line in comment.strip("\n").split("\n"))
    document = {"generator": generator, "vectors": vectors} if generator else {"vectors": vectors}
    body = yaml.dump(document, Dumper=Dumper, sort_keys=False,
                     default_flow_style=False, allow_unicode=True, width=1 << 20)
    return header + body
