package io.vehicle.someip.codegen;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.someip.sdk.binding.DescriptorProxy;
import io.vehicle.someip.sdk.binding.DescriptorSkeleton;
import io.vehicle.someip.sdk.binding.FieldBinding;
import io.vehicle.someip.sdk.binding.RpcBinding;
import io.vehicle.someip.sdk.binding.RpcKind;
import io.vehicle.someip.sdk.binding.ServiceBinding;
import io.vehicle.someip.sdk.binding.TransportPreference;
import io.vehicle.someip.sdk.binding.TypedRpc;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sdk.service.Availability;
import io.vehicle.someip.sdk.service.ProxyOptions;
import io.vehicle.someip.sdk.service.Registration;
import io.vehicle.someip.sdk.service.Subscription;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;

/**
 * Generates, for every service of the vehicle catalog, an ara::com-style typed skeleton (an
 * abstract class the provider extends) and proxy (what a consumer holds). Both delegate to the
 * descriptor-driven {@link DescriptorSkeleton} and {@link DescriptorProxy}, so the generated code
 * only adds types: passing the wrong message is a compile error, and nothing about the wire is
 * written twice.
 */
public final class TypedApiGenerator {

    private static final ClassName EMPTY = ClassName.get("com.google.protobuf", "Empty");

    private TypedApiGenerator() {
    }

    /** Writes the sources under {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        for (ServiceDescriptor service : VehicleCatalog.services()) {
            for (JavaFile file : generate(service)) {
                file.writeTo(out);
            }
        }
    }

    static List<JavaFile> generate(ServiceDescriptor service) {
        ServiceBinding binding = ServiceBinding.of(service);
        String pkg = JavaNames.apiPackage(service.getFile());
        return List.of(JavaFile.builder(pkg, skeleton(binding)).skipJavaLangImports(true).indent("    ").build(),
                JavaFile.builder(pkg, proxy(binding)).skipJavaLangImports(true).indent("    ").build());
    }

    private static FieldSpec bindingField(ServiceBinding binding) {
        Descriptor anchor = binding.descriptor().getFile().getMessageTypes().get(0);
        return FieldSpec.builder(ServiceBinding.class, "BINDING", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The SOME/IP deployment of $L, read from its .proto options.\n",
                        binding.descriptor().getFullName())
                .initializer("$T.of($T.getDescriptor().getFile().findServiceByName($S))", ServiceBinding.class,
                        JavaNames.messageClass(anchor), binding.descriptor().getName())
                .build();
    }

    private static String header(ServiceBinding binding) {
        return String.format("%s: service 0x%04X, instance 0x%04X, major %d, minor %d.%n"
                        + "Generated from %s by %s; do not edit.%n", binding.descriptor().getFullName(),
                binding.serviceId(), binding.instanceId(), binding.majorVersion(), binding.minorVersion(),
                binding.descriptor().getFile().getName(), TypedApiGenerator.class.getSimpleName());
    }

    // ------------------------------------------------------------------ skeleton

    private static TypeSpec skeleton(ServiceBinding binding) {
        String name = binding.descriptor().getName() + "Skeleton";
        TypeSpec.Builder type = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addSuperinterface(AutoCloseable.class)
                .addJavadoc("Provider side of $L", header(binding))
                .addJavadoc("Extend it, implement the methods, then {@link #offer()}.\n")
                .addField(bindingField(binding))
                .addField(DescriptorSkeleton.class, "delegate", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
                .addParameter(SomeIpNode.class, "node")
                .addStatement("this(node, BINDING.instanceId())").build());
        Set<String> constants = new HashSet<>(Set.of("BINDING"));
        CodeBlock.Builder init = CodeBlock.builder()
                .addStatement("$T.Builder builder = $T.builder(BINDING, $T.shared()).instanceId(instanceId)"
                                + ".handlerExecutor(handlerExecutor)",
                        DescriptorSkeleton.class, DescriptorSkeleton.class, SomeIpSerializer.class);
        for (RpcBinding rpc : binding.rpcs()) {
            ClassName in = JavaNames.messageClass(rpc.input());
            ClassName out = JavaNames.messageClass(rpc.output());
            String method = JavaNames.lowerCamel(rpc.name());
            if (rpc.kind() == RpcKind.METHOD) {
                init.addStatement("builder.handle($S, $T.getDefaultInstance(), m -> $L(($T) m))", rpc.name(), in,
                        method, in);
                type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PROTECTED, Modifier.ABSTRACT)
                        .addJavadoc("Method 0x$L. Complete exceptionally with a SomeIpErrorException to answer an error.\n",
                                Integer.toHexString(rpc.id()))
                        .returns(ParameterizedTypeName.get(ClassName.get(CompletionStage.class), out))
                        .addParameter(in, "request").build());
            } else if (rpc.kind() == RpcKind.FIRE_AND_FORGET) {
                init.addStatement("builder.handle($S, $T.getDefaultInstance(), m -> { $L(($T) m); "
                        + "return $T.completedFuture($T.getDefaultInstance()); })", rpc.name(), in, method, in,
                        CompletableFuture.class, out);
                type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PROTECTED, Modifier.ABSTRACT)
                        .addJavadoc("Fire-and-forget method 0x$L.\n", Integer.toHexString(rpc.id()))
                        .addParameter(in, "request").build());
            } else if (rpc.kind() == RpcKind.EVENT) {
                String constant = rpcConstant(type, rpc, constants);
                type.addMethod(MethodSpec.methodBuilder("publish" + JavaNames.upperCamel(rpc.name()))
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addJavadoc("Sends event 0x$L to the subscribers of eventgroups $L.\n",
                                Integer.toHexString(rpc.id()), rpc.eventgroups())
                        .addParameter(out, "event")
                        .addStatement("delegate.publish($L, event)", constant).build());
            }
        }
        for (FieldBinding field : binding.fields().values()) {
            ClassName value = JavaNames.messageClass(field.type());
            String upper = JavaNames.upperCamel(field.name());
            String constant = unique("FIELD_" + JavaNames.constant(field.name()), constants);
            type.addField(FieldSpec.builder(FieldBinding.class, constant, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("BINDING.field($S)", field.name()).build());
            if (field.setter() != null) {
                String hook = "onSet" + upper;
                init.addStatement("builder.onSet($S, $T.getDefaultInstance(), m -> $L(($T) m))", field.name(), value,
                        hook, value);
                type.addMethod(MethodSpec.methodBuilder(hook).addModifiers(Modifier.PROTECTED)
                        .addJavadoc("A consumer set field $L: complete with the value to apply (maybe adjusted),\n"
                                + "or exceptionally with a SomeIpErrorException to refuse. Applies it as is by default.\n",
                                field.name())
                        .returns(ParameterizedTypeName.get(ClassName.get(CompletionStage.class), value))
                        .addParameter(value, "requested")
                        .addStatement("return $T.completedFuture(requested)", CompletableFuture.class).build());
            }
            type.addMethod(MethodSpec.methodBuilder("update" + upper).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                    .addJavadoc("Sets field $L and notifies its subscribers.\n", field.name())
                    .addParameter(value, "value")
                    .addStatement("delegate.updateField($L, value)", constant).build());
            type.addMethod(MethodSpec.methodBuilder(JavaNames.lowerCamel(field.name()))
                    .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                    .addJavadoc("The current value of field $L.\n", field.name())
                    .returns(value)
                    .addStatement("return delegate.fieldValue($L, $T.getDefaultInstance())", constant, value)
                    .build());
        }
        init.addStatement("this.delegate = builder.build(node)");
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
                .addStatement("this(node, instanceId, $T.DIRECT)", ProxyOptions.class).build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
                .addJavadoc("Methods, setter hooks and getters run on {@code handlerExecutor}, one request at a time;\n"
                        + "the other constructors run them on the I/O thread that received the request.\n")
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
                .addParameter(Executor.class, "handlerExecutor")
                .addCode(init.build()).build());
        type.addMethod(MethodSpec.methodBuilder("offer").addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Starts offering the service through SOME/IP-SD.\n")
                .addStatement("delegate.offer()").build());
        type.addMethod(MethodSpec.methodBuilder("stopOffer").addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addStatement("delegate.stopOffer()").build());
        type.addMethod(MethodSpec.methodBuilder("descriptor").addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .returns(DescriptorSkeleton.class)
                .addJavadoc("The descriptor-driven skeleton underneath, for access by field name or signal path\n"
                        + "(e.g. {@code new SkeletonSignals(skeleton.descriptor(), registry)}).\n")
                .addStatement("return delegate").build());
        type.addMethod(MethodSpec.methodBuilder("close").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).addStatement("delegate.close()").build());
        return type.build();
    }

    // ------------------------------------------------------------------ proxy

    private static TypeSpec proxy(ServiceBinding binding) {
        String name = binding.descriptor().getName() + "Proxy";
        ClassName self = ClassName.get(JavaNames.apiPackage(binding.descriptor().getFile()), name);
        TypeSpec.Builder type = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addJavadoc("Consumer side of $L", header(binding))
                .addJavadoc("<p>Failures are values: calls, field sets and sends return futures that fail\n"
                        + "(ServiceUnavailableException while SD does not see the service); a subscription's\n"
                        + "{@code acknowledged()} fails on a Nack or when no Ack comes in time.\n"
                        + "<p>Listeners and the completion of futures run on the proxy's callback executor\n"
                        + "({@link $T}; by default the node's callback thread), one at a time and in order.\n"
                        + "Every rpc is resolved once, in a constant: a call looks nothing up by name.\n",
                        ProxyOptions.class)
                .addField(bindingField(binding))
                .addField(DescriptorProxy.class, "delegate", Modifier.PRIVATE, Modifier.FINAL);
        Set<String> constants = new HashSet<>(Set.of("BINDING"));
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("A proxy of the deployed instance, with the node's proxy defaults.\n")
                .addParameter(SomeIpNode.class, "node")
                .addStatement("this(node, BINDING.instanceId(), $T.defaults())", ProxyOptions.class).build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("A proxy of another instance (0xFFFF: any), with the node's proxy defaults.\n")
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
                .addStatement("this(node, instanceId, $T.defaults())", ProxyOptions.class).build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("A proxy with its own callback executor or subscription timeout; what {@code options}\n"
                        + "leave null comes from the node.\n")
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
                .addParameter(ProxyOptions.class, "options")
                .addStatement("this.delegate = new $T(node, BINDING, $T.shared(), instanceId, options)",
                        DescriptorProxy.class, SomeIpSerializer.class).build());
        for (RpcBinding rpc : binding.rpcs()) {
            ClassName in = JavaNames.messageClass(rpc.input());
            ClassName out = JavaNames.messageClass(rpc.output());
            String method = JavaNames.lowerCamel(rpc.name());
            String constant = rpcConstant(type, rpc, constants);
            switch (rpc.kind()) {
                case METHOD, FIELD_GETTER, FIELD_SETTER -> {
                    TypeName returns = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), out);
                    String doc = rpc.kind() == RpcKind.METHOD ? "Calls method 0x$L.\n"
                            : rpc.kind() == RpcKind.FIELD_GETTER ? "Reads field " + rpc.field() + " (getter 0x$L).\n"
                            : "Sets field " + rpc.field() + " (setter 0x$L); completes with the value applied.\n";
                    if (in.equals(EMPTY)) {
                        type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC).returns(returns)
                                .addJavadoc(doc, Integer.toHexString(rpc.id()))
                                .addStatement("return delegate.call($L, $T.getDefaultInstance())", constant, in)
                                .build());
                    } else {
                        type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC).returns(returns)
                                .addJavadoc(doc, Integer.toHexString(rpc.id()))
                                .addParameter(in, "request")
                                .addStatement("return delegate.call($L, request)", constant).build());
                    }
                }
                case FIRE_AND_FORGET -> type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Fire and forget, method 0x$L: completes when the request is written, fails\n"
                                + "when it cannot be (service unavailable, value not serializable).\n",
                                Integer.toHexString(rpc.id()))
                        .returns(ParameterizedTypeName.get(CompletableFuture.class, Void.class))
                        .addParameter(in, "request")
                        .addStatement("return delegate.send($L, request)", constant).build());
                case EVENT, FIELD_NOTIFIER -> type.addMethod(MethodSpec
                        .methodBuilder("subscribe" + JavaNames.upperCamel(rpc.name())).addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Receives $L 0x$L (eventgroups $L) until the subscription is closed; it survives\n"
                                        + "restarts of the provider. Its {@code acknowledged()} completes on the provider's Ack.\n",
                                rpc.kind() == RpcKind.EVENT ? "event" : "the notifier of field " + rpc.field(),
                                Integer.toHexString(rpc.id()), rpc.eventgroups())
                        .returns(Subscription.class)
                        .addParameter(ParameterizedTypeName.get(ClassName.get(Consumer.class), out), "listener")
                        .addStatement("return delegate.subscribe($L, listener)", constant)
                        .build());
                default -> throw new IllegalStateException("unhandled rpc kind " + rpc.kind());
            }
        }
        type.addMethod(MethodSpec.methodBuilder("transport").addModifiers(Modifier.PUBLIC).returns(self)
                .addJavadoc("Forces the transport of later calls; DEPLOYED (default) follows each rpc's reliable option.\n")
                .addParameter(TransportPreference.class, "preference")
                .addStatement("delegate.transport(preference)")
                .addStatement("return this").build());
        type.addMethod(MethodSpec.methodBuilder("isAvailable").addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN)
                .addJavadoc("Whether SD sees the service and the proxy is connected to it now.\n")
                .addStatement("return delegate.isAvailable()").build());
        type.addMethod(MethodSpec.methodBuilder("whenAvailable").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Completes when the service is (next) available; fails if the proxy closes first.\n")
                .returns(ParameterizedTypeName.get(CompletableFuture.class, RemoteService.class))
                .addStatement("return delegate.whenAvailable()").build());
        type.addMethod(MethodSpec.methodBuilder("onAvailability").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Tells the listener each time the service comes up or goes down, and why (first the\n"
                        + "current state if it is up). Close the registration to stop.\n")
                .returns(Registration.class)
                .addParameter(ParameterizedTypeName.get(Consumer.class, Availability.class), "listener")
                .addStatement("return delegate.onAvailability(listener)").build());
        type.addMethod(MethodSpec.methodBuilder("close").addAnnotation(Override.class)
                .addJavadoc("Stops finding the service, ends every subscription and closes the connections.\n")
                .addModifiers(Modifier.PUBLIC).addStatement("delegate.close()").build());
        return type.build();
    }

    /** Adds {@code private static final TypedRpc<In, Out> NAME = BINDING.typedRpc(...)}; returns NAME. */
    private static String rpcConstant(TypeSpec.Builder type, RpcBinding rpc, Set<String> taken) {
        ClassName in = JavaNames.messageClass(rpc.input());
        ClassName out = JavaNames.messageClass(rpc.output());
        String constant = unique(JavaNames.constant(rpc.name()), taken);
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(TypedRpc.class), in, out), constant,
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("BINDING.typedRpc($S, $T.getDefaultInstance(), $T.getDefaultInstance())", rpc.name(), in,
                        out)
                .build());
        return constant;
    }

    private static String unique(String constant, Set<String> taken) {
        if (!taken.add(constant)) {
            throw new IllegalArgumentException("two members of a generated class would be named " + constant);
        }
        return constant;
    }
}
