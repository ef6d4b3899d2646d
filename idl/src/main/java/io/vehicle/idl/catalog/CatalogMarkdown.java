package io.vehicle.idl.catalog;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.idl.someip.ApplicationError;
import io.vehicle.idl.someip.EventgroupDeployment;
import io.vehicle.idl.someip.FieldDeployment;
import io.vehicle.idl.someip.MethodDeployment;
import io.vehicle.idl.someip.ServiceDeployment;
import io.vehicle.idl.someip.SomeIpOptionsProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the catalog as Markdown (docs/catalog.md): per service its ids, methods, events, eventgroups and
 * fields, then every signal. The file is generated; a test fails when it is out of date.
 */
public final class CatalogMarkdown {

    /** How to regenerate docs/catalog.md, from the repository root. */
    public static final String REGENERATE =
            "mvn -B -o -q -pl idl compile exec:java -Dexec.mainClass=io.vehicle.idl.catalog.CatalogMarkdown -Dexec.args=docs/catalog.md";

    private CatalogMarkdown() {
    }

    /** Writes the catalog to the path given (default docs/catalog.md, relative to the working directory). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/catalog.md");
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Vehicle service catalog\n\n")
                .append("Generated from `idl/src/main/proto` by `io.vehicle.idl.catalog.CatalogMarkdown`; do not edit by hand.\n")
                .append("Regenerate from the repository root with:\n\n")
                .append("```\n").append(REGENERATE).append("\n```\n\n");
        List<ServiceDescriptor> services = VehicleCatalog.services();
        List<Signal> signals = VehicleCatalog.signals();
        md.append(services.size()).append(" services, ").append(signals.size()).append(" signals.\n\n");
        md.append("| service | SOME/IP service id | instance | version | package |\n| --- | --- | --- | --- | --- |\n");
        for (ServiceDescriptor service : services) {
            ServiceDeployment d = VehicleCatalog.deployment(service);
            md.append("| [").append(service.getName()).append("](#").append(service.getName().toLowerCase(Locale.ROOT))
                    .append(") | ").append(hex(d.getServiceId())).append(" | ").append(hex(d.getInstanceId()))
                    .append(" | ").append(d.getMajorVersion()).append('.').append(d.getMinorVersion())
                    .append(" | `").append(service.getFile().getPackage()).append("` |\n");
        }
        for (ServiceDescriptor service : services) {
            renderService(service, md);
        }
        renderSignals(signals, md);
        return md.toString();
    }

    private static void renderService(ServiceDescriptor service, StringBuilder md) {
        ServiceDeployment d = VehicleCatalog.deployment(service);
        md.append("\n## ").append(service.getName()).append("\n\n")
                .append("`").append(service.getFullName()).append("`, service id ").append(hex(d.getServiceId()))
                .append(", instance ").append(hex(d.getInstanceId())).append(", major version ").append(d.getMajorVersion())
                .append(", minor version ").append(d.getMinorVersion()).append(".\n\n");

        md.append("### Methods\n\n| method id | rpc | request | response | transport |\n| --- | --- | --- | --- | --- |\n");
        List<MethodDescriptor> events = new ArrayList<>();
        for (MethodDescriptor method : service.getMethods()) {
            MethodDeployment m = method.getOptions().getExtension(SomeIpOptionsProto.method);
            if (method.isServerStreaming()) {
                events.add(method);
                continue;
            }
            md.append("| ").append(hex(m.getMethodId())).append(" | ").append(method.getName())
                    .append(" | ").append(method.getInputType().getName())
                    .append(" | ").append(m.getFireAndForget() ? "(fire and forget)" : method.getOutputType().getName())
                    .append(" | ").append(transport(m)).append(" |\n");
        }

        md.append("\n### Events\n\n| event id | rpc | payload | eventgroups | transport |\n| --- | --- | --- | --- | --- |\n");
        for (MethodDescriptor method : events) {
            MethodDeployment m = method.getOptions().getExtension(SomeIpOptionsProto.method);
            md.append("| ").append(hex(m.getEventId())).append(" | ").append(method.getName())
                    .append(" | ").append(method.getOutputType().getName())
                    .append(" | ").append(m.getEventgroupIdsList().stream().map(CatalogMarkdown::hex).collect(Collectors.joining(", ")))
                    .append(" | ").append(transport(m)).append(" |\n");
        }

        md.append("\n### Eventgroups\n\n| eventgroup id | name | events |\n| --- | --- | --- |\n");
        for (EventgroupDeployment group : d.getEventgroupsList()) {
            String members = events.stream()
                    .filter(e -> e.getOptions().getExtension(SomeIpOptionsProto.method).getEventgroupIdsList()
                            .contains(group.getEventgroupId()))
                    .map(MethodDescriptor::getName).collect(Collectors.joining(", "));
            md.append("| ").append(hex(group.getEventgroupId())).append(" | ").append(group.getName())
                    .append(" | ").append(members).append(" |\n");
        }

        md.append("\n### Fields\n\n| field | type | getter | setter | notifier |\n| --- | --- | --- | --- | --- |\n");
        for (FieldDeployment field : d.getFieldsList()) {
            MethodDescriptor getter = service.findMethodByName(field.getGetter());
            md.append("| ").append(field.getName())
                    .append(" | ").append(getter == null ? "?" : getter.getOutputType().getName())
                    .append(" | ").append(rpcWithId(service, field.getGetter()))
                    .append(" | ").append(field.getSetter().isEmpty() ? "(read-only)" : rpcWithId(service, field.getSetter()))
                    .append(" | ").append(rpcWithId(service, field.getNotifier())).append(" |\n");
        }

        md.append("\n### Application errors\n\n");
        if (d.getApplicationErrorsList().isEmpty()) {
            md.append("None: the service refuses nothing beyond the SOME/IP return codes.\n");
        } else {
            md.append("| return code | name | meaning |\n| --- | --- | --- |\n");
            for (ApplicationError error : d.getApplicationErrorsList()) {
                md.append("| ").append(String.format("0x%02X", error.getCode())).append(" | ").append(error.getName())
                        .append(" | ").append(error.getDescription()).append(" |\n");
            }
        }
    }

    private static String rpcWithId(ServiceDescriptor service, String rpc) {
        MethodDescriptor method = service.findMethodByName(rpc);
        if (method == null) {
            return rpc + " (missing)";
        }
        MethodDeployment m = method.getOptions().getExtension(SomeIpOptionsProto.method);
        return rpc + " " + hex(method.isServerStreaming() ? m.getEventId() : m.getMethodId());
    }

    private static void renderSignals(List<Signal> signals, StringBuilder md) {
        md.append("\n## Signals\n\n| path | access | type | unit | min | max | allowed values | max travel | service | field | description |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Signal s : signals) {
            md.append("| `").append(s.path()).append("` | ").append(s.access() == io.vehicle.idl.signal.Access.READ_WRITE ? "read-write" : "read-only")
                    .append(" | ").append(s.type()).append(" | ").append(s.unit())
                    .append(" | ").append(number(s.min())).append(" | ").append(number(s.max()))
                    .append(" | ").append(String.join(", ", s.allowedValues()))
                    .append(" | ").append(s.maxTravel().isZero() ? "" : s.maxTravel().toMillis() + " ms")
                    .append(" | ").append(s.service().substring(s.service().lastIndexOf('.') + 1))
                    .append(" | `").append(s.field()).append("` | ").append(s.description()).append(" |\n");
        }
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue()) : value.toString();
    }

    private static String hex(int value) {
        return String.format("0x%04X", value);
    }

    private static String transport(MethodDeployment m) {
        return m.getReliable() ? "TCP" : "UDP";
    }
}
