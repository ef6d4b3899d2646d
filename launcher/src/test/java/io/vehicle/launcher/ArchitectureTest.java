package io.vehicle.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of shared/DESIGN.md, checked on the compiled main classes of every module (the
 * launcher sees them all): no package cycles; the SOME/IP stack below the SDK; neither of them
 * reaching up into the application (command line, tools, demo) or its libraries.
 */
class ArchitectureTest {

    private static final String[] STACK = {"io.vehicle.someip.wire..", "io.vehicle.someip.tp..",
            "io.vehicle.someip.transport..", "io.vehicle.someip.serialization..", "io.vehicle.someip.sd..",
            "io.vehicle.someip.runtime.."};
    private static final String SDK = "io.vehicle.someip.sdk..";
    private static final String BRIDGE = "io.vehicle.bridge..";
    private static final String[] APPLICATION = {"io.vehicle.launcher..", "picocli..", "org.HdrHistogram..",
            "ch.qos.logback.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // Other modules arrive as target/classes under `mvn test` and as jars under `mvn package`.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vehicle");
    }

    @Test
    @DisplayName("the rules below see every module (an empty import would pass them all)")
    void everyModuleIsImported() {
        assertThat(classes.contain("io.vehicle.someip.sd.ServiceDiscovery")).isTrue();
        assertThat(classes.contain("io.vehicle.someip.sdk.node.SomeIpNode")).isTrue();
        assertThat(classes.contain("io.vehicle.api.hvac.v1.HvacServiceProxy")).isTrue();
        assertThat(classes.contain(Main.class)).isTrue();
        assertThat(classes.contain("io.vehicle.bridge.write.WriteGate")).isTrue();
    }

    @Test
    @DisplayName("no package of the project depends on itself through other packages")
    void noPackageCycles() {
        slices().matching("io.vehicle.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the stack knows nothing of the SDK, the typed API, the generator or the application")
    void stackStaysBelowTheSdk() {
        noClasses().that().resideInAnyPackage(STACK).should().dependOnClassesThat()
                .resideInAnyPackage(concat(APPLICATION, SDK, "io.vehicle.api..", "io.vehicle.someip.codegen..",
                        "io.vertx..", "com.squareup.javapoet.."))
                .check(classes);
    }

    @Test
    @DisplayName("the SDK knows nothing of the typed API, the generator, Vert.x or the application")
    void sdkStaysBelowTheApplication() {
        noClasses().that().resideInAPackage(SDK).should().dependOnClassesThat()
                .resideInAnyPackage(concat(APPLICATION, "io.vehicle.api..", "io.vehicle.someip.codegen..",
                        "io.vertx..", "com.squareup.javapoet..", BRIDGE))
                .check(classes);
    }

    @Test
    @DisplayName("the SOME/IP stack and SDK know nothing of the bridge")
    void middlewareKnowsNothingOfTheBridge() {
        noClasses().that().resideInAnyPackage(concat(STACK, SDK)).should().dependOnClassesThat()
                .resideInAPackage(BRIDGE).check(classes);
    }

    @Test
    @DisplayName("policy, authorization and audit live in the bridge only; JWT handling in its auth package")
    void policyAndAuthOnlyInTheBridge() {
        noClasses().that().resideOutsideOfPackages(BRIDGE).should().dependOnClassesThat()
                .resideInAnyPackage("io.vehicle.bridge.policy..", "io.vehicle.bridge.write..",
                        "io.vehicle.bridge.audit..").check(classes);
        // The launcher may mint tokens and keys for benches (`vehicle bridge token`), nothing else of auth.
        noClasses().that().resideOutsideOfPackages(BRIDGE, "io.vehicle.launcher.bridge..").should()
                .dependOnClassesThat().resideInAPackage("io.vehicle.bridge.auth..").check(classes);
        noClasses().that().resideOutsideOfPackage("io.vehicle.bridge.auth..").should().dependOnClassesThat()
                .resideInAPackage("com.nimbusds..").check(classes);
    }

    @Test
    @DisplayName("every writer goes through the write gate: only it and the method gate call ECU setters and methods")
    void writesGoThroughTheGate() {
        noClasses().that().resideInAPackage(BRIDGE).and().resideOutsideOfPackage("io.vehicle.bridge.write..")
                .should().callMethod(io.vehicle.someip.sdk.signal.SignalClient.class, "set", String.class, Object.class)
                .orShould().callMethod(io.vehicle.someip.sdk.signal.SignalClient.class, "set", java.util.Map.class)
                .orShould().callMethod(io.vehicle.someip.sdk.signal.SignalClient.class, "updateField",
                        io.vehicle.someip.sdk.binding.ServiceBinding.class, String.class,
                        java.util.function.UnaryOperator.class)
                .orShould().callMethod(io.vehicle.someip.sdk.binding.DescriptorProxy.class, "call", String.class,
                        com.google.protobuf.Message.class)
                .orShould().callMethod(io.vehicle.someip.sdk.binding.DescriptorProxy.class, "send", String.class,
                        com.google.protobuf.Message.class)
                .check(classes);
    }

    @Test
    @DisplayName("nothing at run time uses the build-time typed-API generator")
    void generatorIsBuildTimeOnly() {
        noClasses().that().resideOutsideOfPackage("io.vehicle.someip.codegen..").should().dependOnClassesThat()
                .resideInAPackage("io.vehicle.someip.codegen..").check(classes);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
