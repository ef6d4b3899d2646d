package io.vehicle.assistant.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vehicle.assistant.intent.Language;
import io.vehicle.assistant.intent.ProposedAction;
import io.vehicle.assistant.intent.Understanding;
import io.vehicle.idl.catalog.Signal;
import io.vehicle.idl.catalog.VehicleCatalog;
import io.vehicle.idl.someip.ApplicationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ECU errors are read from the IDL's descriptors (application_errors of each service's SOME/IP deployment), so
 * an error added to the IDL fails here until ecu-errors.yaml phrases it in both languages.
 */
class EcuErrorPhrasesTest {

    private final EcuErrorPhrases phrases = EcuErrorPhrases.load();
    private final ReplyComposer composer = ReplyComposer.load();

    /** Every application error the IDL declares, by service. */
    private static Map<ServiceDescriptor, List<ApplicationError>> declared() {
        Map<ServiceDescriptor, List<ApplicationError>> all = new LinkedHashMap<>();
        for (ServiceDescriptor service : VehicleCatalog.services()) {
            all.put(service, VehicleCatalog.deployment(service).getApplicationErrorsList());
        }
        return all;
    }

    @Test
    @DisplayName("the IDL declares application errors at all (else the checks below would pass on nothing)")
    void theIdlDeclaresErrors() {
        Set<String> names = declared().values().stream().flatMap(List::stream).map(ApplicationError::getName)
                .collect(Collectors.toSet());
        assertThat(names).contains("TRUNK_LOCKED", "VEHICLE_MOVING", "POWER_OFF", "AC_UNAVAILABLE");
    }

    @Test
    @DisplayName("every application error name declared in the IDL has an English and a Chinese phrase")
    void everyDeclaredErrorIsPhrasedInBothLanguages() {
        List<String> missing = new ArrayList<>();
        declared().forEach((service, errors) -> errors.forEach(error -> {
            for (Language language : Language.values()) {
                if (phrases.error(error.getName(), language).filter(text -> !text.isBlank()).isEmpty()) {
                    missing.add(service.getName() + " " + error.getName() + " " + language);
                }
            }
        }));
        assertThat(missing).as("add them to " + EcuErrorPhrases.RESOURCE).isEmpty();
    }

    @Test
    @DisplayName("a name several services declare means the same in each, so one phrase fits all of them")
    void aSharedNameMeansTheSameEverywhere() {
        Map<String, Set<String>> descriptions = new LinkedHashMap<>();
        declared().values().stream().flatMap(List::stream).forEach(error -> descriptions
                .computeIfAbsent(error.getName(), n -> new java.util.TreeSet<>()).add(error.getDescription()));
        descriptions.forEach((name, texts) -> assertThat(texts).as(name).hasSize(1));
    }

    @Test
    @DisplayName("the file phrases only names the IDL declares or SOME/IP standard codes, and names only IDL services")
    void nothingStaleInTheFile() {
        Set<String> names = declared().values().stream().flatMap(List::stream).map(ApplicationError::getName)
                .collect(Collectors.toSet());
        assertThat(phrases.errors().keySet()).allSatisfy(name -> assertThat(names.contains(name)
                || name.matches("E_[A-Z0-9_]+")).as(name).isTrue());
        Set<String> services = VehicleCatalog.services().stream().map(ServiceDescriptor::getFullName)
                .collect(Collectors.toSet());
        assertThat(services).containsAll(phrases.ecus().keySet());
    }

    @Test
    @DisplayName("each declared error, refusing a writable signal of its service, is a finished sentence that names no code")
    void everyDeclaredErrorMakesAFinishedSentence() {
        declared().forEach((service, errors) -> {
            Signal signal = VehicleCatalog.signals().stream()
                    .filter(s -> s.service().equals(service.getFullName()) && s.writable()
                            && !s.type().startsWith("repeated"))
                    .findFirst().orElse(null);
            if (signal == null) {
                return;
            }
            Object value = signal.type().equals("bool") ? Boolean.TRUE
                    : !signal.allowedValues().isEmpty() ? signal.allowedValues().get(0) : (Object) signal.min();
            for (ApplicationError error : errors) {
                ActionResult refused = ActionResult.rejectedByEcu(signal.path(), value,
                        new EcuRefusal(error.getName(), error.getDescription()), "the ECU refused");
                for (Language language : Language.values()) {
                    String reply = composer.compose(Understanding.actions(language,
                            List.of(new ProposedAction(signal.path(), value, "t")), "t"), List.of(refused));
                    assertThat(reply).as(error.getName()).doesNotContain("{").doesNotContain(error.getName())
                            .doesNotContainPattern("0[xX][0-9A-Fa-f]")
                            .matches(language == Language.EN ? "[A-Z][^.]*\\.$" : "[^。]*。$");
                }
            }
        });
    }

    @Test
    @DisplayName("a description is told only when it is plain words: no code, no VSS path, for an application error name")
    void onlyPlainDescriptionsAreTold() {
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("LID_FROZEN",
                "The lid is frozen shut (Vehicle.Body.Trunk.Rear.IsOpen).")))
                .contains("the lid is frozen shut");
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("COMPRESSOR_HOT", "A/C compressor too hot")))
                .contains("A/C compressor too hot");
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("service-specific error 0x5E",
                "service-specific error 0x5E: no"))).isEmpty();
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("E_NOT_OK", "E_NOT_OK: failed"))).isEmpty();
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("LID_FROZEN", "code 0x44"))).isEmpty();
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("LID_FROZEN", "LID_FROZEN: sensor 3"))).isEmpty();
        assertThat(EcuErrorPhrases.plainDescription(new EcuRefusal("LID_FROZEN", " . "))).isEmpty();
    }
}
