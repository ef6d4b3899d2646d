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
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.someip.sd.RemoteService;
import io.vehicle.someip.serialization.SomeIpSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
        CodeBlock.Builder init = CodeBlock.builder()
                .addStatement("$T.Builder builder = $T.builder(BINDING, $T.shared()).instanceId(instanceId)",
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
                type.addMethod(MethodSpec.methodBuilder("publish" + JavaNames.upperCamel(rpc.name()))
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addJavadoc("Sends event 0x$L to the subscribers of eventgroups $L.\n",
                                Integer.toHexString(rpc.id()), rpc.eventgroups())
                        .addParameter(out, "event")
                        .addStatement("delegate.publish($S, event)", rpc.name()).build());
            }
        }
        for (FieldBinding field : binding.fields().values()) {
            ClassName value = JavaNames.messageClass(field.type());
            String upper = JavaNames.upperCamel(field.name());
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
                    .addStatement("delegate.updateField($S, value)", field.name()).build());
            type.addMethod(MethodSpec.methodBuilder(JavaNames.lowerCamel(field.name()))
                    .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                    .addJavadoc("The current value of field $L.\n", field.name())
                    .returns(value)
                    .addStatement("return delegate.fieldValue($S, $T.getDefaultInstance())", field.name(), value)
                    .build());
        }
        init.addStatement("this.delegate = builder.build(node)");
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
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
        TypeSpec.Builder type = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addJavadoc("Consumer side of $L", header(binding))
                .addJavadoc("Calls fail with ServiceUnavailableException while SD does not see the service.\n")
                .addField(bindingField(binding))
                .addField(DescriptorProxy.class, "delegate", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(SomeIpNode.class, "node")
                .addStatement("this(node, BINDING.instanceId())").build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(SomeIpNode.class, "node").addParameter(TypeName.INT, "instanceId")
                .addStatement("this.delegate = new $T(node, BINDING, $T.shared(), instanceId)",
                        DescriptorProxy.class, SomeIpSerializer.class).build());
        for (RpcBinding rpc : binding.rpcs()) {
            ClassName in = JavaNames.messageClass(rpc.input());
            ClassName out = JavaNames.messageClass(rpc.output());
            String method = JavaNames.lowerCamel(rpc.name());
            switch (rpc.kind()) {
                case METHOD, FIELD_GETTER, FIELD_SETTER -> {
                    TypeName returns = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), out);
                    String doc = rpc.kind() == RpcKind.METHOD ? "Calls method 0x$L.\n"
                            : rpc.kind() == RpcKind.FIELD_GETTER ? "Reads field " + rpc.field() + " (getter 0x$L).\n"
                            : "Sets field " + rpc.field() + " (setter 0x$L); completes with the value applied.\n";
                    if (in.equals(EMPTY)) {
                        type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC).returns(returns)
                                .addJavadoc(doc, Integer.toHexString(rpc.id()))
                                .addStatement("return delegate.call($S, $T.getDefaultInstance(), $T.getDefaultInstance())",
                                        rpc.name(), in, out).build());
                    } else {
                        type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC).returns(returns)
                                .addJavadoc(doc, Integer.toHexString(rpc.id()))
                                .addParameter(in, "request")
                                .addStatement("return delegate.call($S, request, $T.getDefaultInstance())",
                                        rpc.name(), out).build());
                    }
                }
                case FIRE_AND_FORGET -> type.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Fire and forget, method 0x$L.\n", Integer.toHexString(rpc.id()))
                        .addParameter(in, "request")
                        .addStatement("delegate.send($S, request)", rpc.name()).build());
                case EVENT, FIELD_NOTIFIER -> type.addMethod(MethodSpec
                        .methodBuilder("subscribe" + JavaNames.upperCamel(rpc.name())).addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Receives $L 0x$L (eventgroups $L); the subscription survives restarts.\n"
                                        + "Completes when the provider first acknowledges the subscription.\n",
                                rpc.kind() == RpcKind.EVENT ? "event" : "the notifier of field " + rpc.field(),
                                Integer.toHexString(rpc.id()), rpc.eventgroups())
                        .returns(ParameterizedTypeName.get(CompletableFuture.class, Void.class))
                        .addParameter(ParameterizedTypeName.get(ClassName.get(Consumer.class), out), "listener")
                        .addStatement("return delegate.subscribe($S, $T.getDefaultInstance(), listener)", rpc.name(),
                                out)
                        .build());
                default -> throw new IllegalStateException("unhandled rpc kind " + rpc.kind());
            }
        }
        ClassName self = ClassName.get(JavaNames.apiPackage(binding.descriptor().getFile()), name);
        type.addMethod(MethodSpec.methodBuilder("transport").addModifiers(Modifier.PUBLIC).returns(self)
                .addJavadoc("Forces the transport of later calls; DEPLOYED (default) follows each rpc's reliable option.\n")
                .addParameter(TransportPreference.class, "preference")
                .addStatement("delegate.transport(preference)")
                .addStatement("return this").build());
        type.addMethod(MethodSpec.methodBuilder("isAvailable").addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN)
                .addStatement("return delegate.isAvailable()").build());
        type.addMethod(MethodSpec.methodBuilder("whenAvailable").addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(CompletableFuture.class, RemoteService.class))
                .addStatement("return delegate.whenAvailable()").build());
        type.addMethod(MethodSpec.methodBuilder("close").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).addStatement("delegate.close()").build());
        return type.build();
    }
}
