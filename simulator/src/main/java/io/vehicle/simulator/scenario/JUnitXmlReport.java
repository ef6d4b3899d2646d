package io.vehicle.simulator.scenario;

import io.vehicle.simulator.plant.SimulatedDuration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Scenario results as JUnit XML (the Ant/Surefire format CI servers read): one {@code testsuite} per
 * scenario, one {@code testcase} per expectation, a {@code failure} that says what was expected, the
 * actual value and the simulated time, an {@code error} for a step that broke the run, the run's log in
 * {@code system-out}.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(List<ScenarioResult> results, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("tests", Long.toString(results.stream().mapToLong(r -> r.cases().size()).sum()));
            xml.writeAttribute("failures", Long.toString(results.stream().mapToLong(ScenarioResult::failures).sum()));
            xml.writeAttribute("errors", Long.toString(results.stream().mapToLong(ScenarioResult::errors).sum()));
            for (ScenarioResult result : results) {
                suite(xml, result);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter xml, ScenarioResult result) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", result.name());
        xml.writeAttribute("tests", Integer.toString(result.cases().size()));
        xml.writeAttribute("failures", Long.toString(result.failures()));
        xml.writeAttribute("errors", Long.toString(result.errors()));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(result.real().toNanos()));
        xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(result.started().atOffset(ZoneOffset.UTC).withNano(0)));
        xml.writeAttribute("hostname", hostname());
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "source", result.source());
        property(xml, "simulatedTime", SimulatedDuration.format(result.simulated().toNanos()));
        xml.writeEndElement();
        for (ScenarioResult.Case c : result.cases()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", c.name());
            xml.writeAttribute("classname", "scenario." + result.name());
            xml.writeAttribute("time", seconds(c.real().toNanos()));
            if (!c.passed()) {
                xml.writeStartElement(c.error() ? "error" : "failure");
                xml.writeAttribute("message", c.failure());
                xml.writeAttribute("type", c.error() ? "ScenarioStepError" : "ExpectationFailed");
                xml.writeCharacters(c.failure() + "\nsimulated time: " + SimulatedDuration.format(c.simulatedNanos()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        xml.writeCData(String.join("\n", result.log()).replace("]]>", "]] >") + "\n");
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
