package io.vehicle.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vehicle.idl.kuksa.val.v2.Value;
import io.vehicle.idl.simulator.v1.Ecu;
import io.vehicle.idl.simulator.v1.ForceValueRequest;
import io.vehicle.idl.simulator.v1.GetValuesRequest;
import io.vehicle.idl.simulator.v1.GetValuesResponse;
import io.vehicle.idl.simulator.v1.ListEcusRequest;
import io.vehicle.idl.simulator.v1.OfferedService;
import io.vehicle.idl.simulator.v1.SimulatorControlGrpcClient;
import io.vehicle.someip.sd.SdTimings;
import io.vehicle.someip.sdk.node.NodeConfig;
import io.vehicle.someip.sdk.node.SomeIpNode;
import io.vehicle.launcher.simulator.SimulatorCommandTest;
import io.vehicle.testing.ExternalTools;
import io.vehicle.testing.TestPorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code vehicle demo} as a real process from the build's output, its dashboard in Debian's headless chromium
 * through Selenium: the page loads without console errors with the climate plot's recent past already drawn,
 * every service's last offer counting in the SOME/IP view, values change live, English and Chinese complaints
 * raise the driver's setpoint (on the page, and read back from the simulator through its control API), an unsafe
 * request while driving is refused with its reason (parked, "No" cancels it and "Yes" opens the trunk on the car
 * view), an ECU restart shows its services going down and coming back
 * with SD's reboot count up, a stop offer on one service takes just that one down and back, packet loss is listed
 * while active and cleared by "Clear all" (each checked against the simulator's control API), the signal filter
 * hides what does not match, the example button "open the sunroof halfway" ends done once the sunroof (moving in
 * real time) reports 50 %, and a door opened at the simulator opens on the car view; then SIGINT stops the demo cleanly, every ECU sending StopOffer. Screenshots go to target/screenshots.
 *
 * <p>The steps share one demo (starting it loads two embedding models) and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VehicleDemoTest {

    private static final long READY_SECONDS = 180;
    private static final Duration UI_WAIT = Duration.ofSeconds(30);
    private static final String DRIVER_SETPOINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private static final int[] SERVICES = SimulatorCommandTest.SERVICES;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> BODY_SERVICES = List.of("WindowService", "DoorService", "LightService",
            "MirrorService", "WindshieldService");

    private DemoProcess demo;
    private SomeIpNode bench;
    private Map<Integer, BlockingQueue<String>> seen;
    private Vertx vertx;
    private SimulatorControlGrpcClient simulator;
    private WebDriver browser;

    @BeforeAll
    void startDemo(@org.junit.jupiter.api.io.TempDir Path audit) throws Exception {
        int sdPort = TestPorts.sdPort(9); // a slot no other launcher test uses
        // A SOME/IP node of the test watches the ECUs through SD, to see the StopOffers at the end.
        bench = SomeIpNode.start(NodeConfig.defaults().withUnicast("127.0.10.122").withSd(sdPort, SdTimings.fast()));
        seen = SimulatorCommandTest.watch(bench);
        demo = DemoProcess.start(sdPort, audit);
        demo.awaitReady(READY_SECONDS);
        vertx = Vertx.vertx();
        simulator = SimulatorControlGrpcClient.create(GrpcClient.client(vertx, new GrpcClientOptions(),
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)),
                SocketAddress.inetSocketAddress(demo.controlPort, "127.0.0.1"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("vehicle demo is ready within a bounded time and prints the dashboard, gRPC and assistant addresses")
    void readyInBoundedTime() {
        assertThat(demo.readySeconds).as("seconds to ready").isLessThan(READY_SECONDS);
        assertThat(demo.dashboardUrl).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(demo.grpcPort).isPositive();
        assertThat(demo.assistantPort).isPositive();
    }

    @Test
    @Order(2)
    @DisplayName("the dashboard loads without console errors, shows every service UP, and values change live")
    void pageLoadsAndValuesChangeLive() throws Exception {
        openBrowser();
        double openedAt = System.currentTimeMillis() / 1000.0;
        browser.get(demo.dashboardUrl);
        waitFor("the live feed", () -> text("#conn").equals("live"));
        waitFor("signal rows", () -> browser.findElements(By.cssSelector("#signals tbody tr")).size() >= 80);
        // The plot starts with the bridge's recent past: a point from before the page opened (live sampling only
        // adds later ones, so a page without the history never shows it), cabin air among the points.
        waitFor("the plot's history from before the page opened", () -> {
            List<?> plotted = (List<?>) script("return [plot.data[0].length, plot.data[0][0],"
                    + " plot.data[1].filter((v) => v !== null).length];");
            return ((Number) plotted.get(0)).intValue() > 3 && plotted.get(1) != null
                    && ((Number) plotted.get(1)).doubleValue() < openedAt && ((Number) plotted.get(2)).intValue() > 3;
        });
        waitFor("all nine services UP", () -> text("#hdr-services").equals("9/9"));
        // The last offer of each service, as an age the page keeps counting; the ECUs renew their offers, so
        // every age stays short. (Not "the text changes": the page's one-second tick and the ECU's one-second
        // cyclic offer can stay in step for long enough to show the same age at every tick.)
        String lastOffer = "#someip tr[data-service='HvacService'] td.last-offer";
        waitFor("HvacService's last offer", () -> text(lastOffer).matches("\\d\\.\\d s ago"));
        String heardAt = attribute(lastOffer, "data-at");
        waitFor("a renewed offer", () -> !heardAt.equals(attribute(lastOffer, "data-at")));
        assertThat(browser.findElements(By.cssSelector("#someip td.last-offer"))).as("every service's last offer")
                .hasSize(SERVICES.length).allSatisfy(cell -> assertThat(cell.getText()).matches("\\d\\.\\d s ago"));
        waitFor("the driver's setpoint on the car", () -> text("#set-fl").endsWith("°"));
        screenshot("01-loaded");

        // Drive at 50 km/h through the drive panel: the speed climbs on the page as the simulator accelerates.
        browser.findElement(By.id("drive-city")).click();
        waitFor("speed above 5 km/h", () -> number("#hdr-speed") > 5);
        double first = number("#hdr-speed");
        waitFor("speed rising further", () -> number("#hdr-speed") > first + 5);
        String row = "#signals tbody tr[data-path='Vehicle.Speed'] td.value";
        waitFor("the signal table follows", () -> parse(text(row)) > first);
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    @DisplayName("\"open the trunk\" at 50 km/h is refused, and the page says why; parked, it asks first")
    void trunkRefusedWhileDriving() throws Exception {
        requireBrowser();
        waitFor("40 km/h reached", () -> number("#hdr-speed") >= 40);
        ask("open the trunk");
        waitFor("a refusal", () -> "refused".equals(attribute("#reply", "data-outcome")));
        assertThat(text("#reply")).contains("while driving");
        String steps = text("#steps");
        assertThat(steps).contains("denied by policy").contains("rule trunk").contains("Vehicle.Speed is");
        screenshot("02-trunk-refused");
        assertThat(simulatorValue("Vehicle.Body.Trunk.Rear.IsOpen").getBool()).as("trunk at the ECU").isFalse();
        browser.findElement(By.id("drive-park")).click();
        waitFor("parked", () -> text("#hdr-gear").equals("PARK") && number("#hdr-speed") < 1);

        // Parked, the trunk needs the driver's yes: the page asks, and "No" cancels without a write.
        ask("open the trunk");
        waitFor("the confirmation question", () -> browser.findElement(By.id("question")).isDisplayed());
        assertThat(text("#question-text")).containsIgnoringCase("trunk");
        browser.findElement(By.id("confirm-no")).click();
        waitFor("cancelled", () -> "cancelled".equals(attribute("#reply", "data-outcome")));
        assertThat(simulatorValue("Vehicle.Body.Trunk.Rear.IsOpen").getBool()).as("trunk at the ECU").isFalse();
        assertThat(attribute("#trunk", "class")).as("the trunk on the car").doesNotContain("open");

        // Unlocked (the ECU refuses to open a locked trunk) and asked again, "Yes" completes it: written,
        // confirmed by the ECU, and the car view opens the lid.
        force("Vehicle.Body.Trunk.Rear.IsLocked", Value.newBuilder().setBool(false).build());
        waitFor("the trunk unlocked on the car", () -> attribute("#lock-trunk", "class").contains("unlocked"));
        ask("open the trunk");
        waitFor("the confirmation question again", () -> browser.findElement(By.id("question")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).click();
        awaitOutcome("done");
        assertThat(text("#steps")).contains("Body.Trunk.Rear.IsOpen").contains("confirmed");
        assertThat(simulatorValue("Vehicle.Body.Trunk.Rear.IsOpen").getBool()).as("trunk at the ECU").isTrue();
        waitFor("the trunk open on the car", () -> attribute("#trunk", "class").contains("open")
                && text("#trunk-label").equals("trunk open"));
    }

    @Test
    @Order(4)
    @DisplayName("\"I'm a bit cold\" raises the driver's setpoint: on the page and at the simulator")
    void englishComplaintRaisesSetpoint() throws Exception {
        requireBrowser();
        raisesDriverSetpoint("I'm a bit cold", "03-cold-en");
    }

    @Test
    @Order(5)
    @DisplayName("\"我有点冷\" raises the driver's setpoint: on the page and at the simulator")
    void chineseComplaintRaisesSetpoint() throws Exception {
        requireBrowser();
        raisesDriverSetpoint("我有点冷", "04-cold-zh");
        // The whole page once (SOME/IP view and signals below the fold), for the README (docs/dashboard.png).
        wholePageScreenshot("dashboard");
    }

    /**
     * The page from top to bottom: the window made taller than the page (its height is the document's, plus room
     * for a headless window's frame), then the image cut to the document's height.
     */
    private void wholePageScreenshot(String name) throws Exception {
        Dimension size = browser.manage().window().getSize();
        int height = ((Number) script("return document.documentElement.scrollHeight;")).intValue();
        browser.manage().window().setSize(new Dimension(1280, height + 200));
        waitFor("the taller window", () -> ((Number) script("return window.innerHeight;")).intValue() >= height);
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int pageHeight = ((Number) script("return document.documentElement.scrollHeight;")).intValue();
        assertThat(image.getHeight()).as("screenshot height").isGreaterThanOrEqualTo(pageHeight);
        javax.imageio.ImageIO.write(image.getSubimage(0, 0, image.getWidth(), pageHeight), "png",
                SCREENSHOTS.resolve(name + ".png").toFile());
        browser.manage().window().setSize(size);
    }

    private void raisesDriverSetpoint(String utterance, String screenshot) throws Exception {
        double before = simulatorNumber(DRIVER_SETPOINT);
        ask(utterance);
        waitFor("the reply", () -> "done".equals(attribute("#reply", "data-outcome")));
        assertThat(text("#steps")).contains("Understood").contains("Row1.Driver.Temperature").contains("confirmed");
        String expected = String.format("%.1f°", before + 1);
        waitFor("the car view shows " + expected, () -> text("#set-fl").equals(expected));
        screenshot(screenshot);
        assertThat(simulatorNumber(DRIVER_SETPOINT)).as("setpoint at the simulator").isEqualTo(before + 1);
        assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    @DisplayName("an ECU restart shows its services going down and coming back, and SD's reboot count going up")
    void ecuRestartGoesDownAndRecovers() throws Exception {
        requireBrowser();
        Map<String, Integer> rebootsBefore = reboots();
        selectFaultTarget("body-ecu", "all its services");
        setField("#fault-seconds", "3");
        browser.findElement(By.id("fault-restart")).click();
        String door = "#someip tr[data-service='DoorService'] td.state";
        waitFor("DoorService DOWN", () -> text(door).equals("DOWN"));
        screenshot("05-ecu-down");
        waitFor("DoorService UP again", () -> text(door).equals("UP"));
        waitFor("all nine services UP again", () -> text("#hdr-services").equals("9/9"));
        waitFor("the simulator reports body-ecu running, its fault over",
                () -> text("#ecus li[data-ecu='body-ecu'] .state").equals("running"));
        waitFor("door values back", () -> !text("#signals tbody tr[data-path='Vehicle.Cabin.Door.Row1.DriverSide"
                + ".IsLocked'] td.value").equals("–"));
        // SD saw the ECU come back with its reboot flag set again (feat_req_someipsd_765): every service the ECU
        // offers counts it, the other ECUs' services do not.
        for (String service : BODY_SERVICES) {
            waitFor(service + "'s reboots seen going up", () -> reboots().get(service) > rebootsBefore.get(service));
        }
        Map<String, Integer> rebootsAfter = reboots();
        for (String service : List.of("HvacService", "SeatService", "InfotainmentService", "VehicleStateService")) {
            assertThat(rebootsAfter.get(service)).as(service + "'s reboots").isEqualTo(rebootsBefore.get(service));
        }
        assertThat(text("#someip-reason")).contains("127.0.10.3 ×");
        screenshot("06-ecu-recovered");
        assertNoConsoleErrors();
    }

    @Test
    @Order(7)
    @DisplayName("a stop offer on one service takes that service down, with SD's reason, and back when it ends")
    void stopOfferOnOneService() throws Exception {
        requireBrowser();
        Map<String, Integer> rebootsBefore = reboots();
        selectFaultTarget("body-ecu", "MirrorService");
        setField("#fault-seconds", "8"); // long enough to ask the simulator while it lasts
        browser.findElement(By.id("fault-stop")).click();
        String mirror = "#someip tr[data-service='MirrorService']";
        waitFor("MirrorService DOWN", () -> text(mirror + " td.state").equals("DOWN"));
        assertThat(text(mirror + " td.endpoint")).as("the reason SD gave").isEqualTo("stop offer");
        assertThat(text("#someip tr[data-service='DoorService'] td.state")).as("the ECU's other services")
                .isEqualTo("UP");
        waitFor("the fault's id", () -> text("#fault-msg").startsWith("stop offer for 8 s on MirrorService: fault "));
        waitFor("the fault listed on body-ecu", () -> text("#ecus li[data-ecu='body-ecu'] .state")
                .equals("running · stopOffer"));
        screenshot("07-stop-offer");

        // The simulator agrees: the fault is active for that instance, which is no longer offered.
        Ecu body = ecu("body-ecu");
        assertThat(body.getFaultsList()).hasSize(1);
        assertThat(body.getFaults(0).getFault().hasStopOffer()).isTrue();
        assertThat(body.getFaults(0).getFault().getTarget().getService().getServiceId())
                .isEqualTo(offered(body, "MirrorService").getServiceId());
        assertThat(body.getFaults(0).hasUntil()).as("ends by itself").isTrue();
        assertThat(offered(body, "MirrorService").getOffered()).isFalse();
        assertThat(offered(body, "DoorService").getOffered()).isTrue();

        waitFor("MirrorService UP again", () -> text(mirror + " td.state").equals("UP"));
        waitFor("the fault gone from the page", () -> text("#ecus li[data-ecu='body-ecu'] .state").equals("running"));
        waitFor("all nine services UP again", () -> text("#hdr-services").equals("9/9"));
        body = ecu("body-ecu");
        assertThat(body.getFaultsList()).as("faults at the simulator").isEmpty();
        assertThat(offered(body, "MirrorService").getOffered()).isTrue();
        assertThat(reboots()).as("a stop offer is no reboot").isEqualTo(rebootsBefore);
        assertNoConsoleErrors();
    }

    @Test
    @Order(8)
    @DisplayName("packet loss: a bad duration gets the bridge's reason; a good one is listed as active at the "
            + "simulator and on the page, Clear all ends it, and every service is up")
    void packetLossUntilCleared() throws Exception {
        requireBrowser();
        selectFaultTarget("climate-ecu", "all its services");
        setField("#fault-seconds", "0");
        browser.findElement(By.id("fault-loss")).click();
        waitFor("the bridge's refusal", () -> attribute("#fault-msg", "class").equals("msg bad"));
        assertThat(text("#fault-msg")).isEqualTo("durationMs: 0 is outside 1000..600000 (1 s to 10 min)");
        assertThat(ecu("climate-ecu").getFaultsList()).as("nothing reached the simulator").isEmpty();

        setField("#fault-seconds", "120");
        setField("#fault-percent", "40");
        browser.findElement(By.id("fault-loss")).click();
        waitFor("the fault's id", () -> text("#fault-msg").startsWith("40 % packet loss for 120 s on climate-ecu: "));
        waitFor("the fault listed on climate-ecu", () -> text("#ecus li[data-ecu='climate-ecu'] .state")
                .equals("running · packetLoss"));
        Ecu climate = ecu("climate-ecu");
        assertThat(climate.getFaultsList()).hasSize(1);
        assertThat(climate.getFaults(0).getFault().getPacketLoss().getPercent()).isEqualTo(40.0);
        assertThat(climate.getFaults(0).getFault().getTarget().getEcu()).isEqualTo("climate-ecu");
        assertThat(text("#fault-msg")).endsWith(climate.getFaults(0).getFaultId());
        screenshot("08-packet-loss");

        browser.findElement(By.id("fault-clear")).click();
        waitFor("cleared", () -> text("#fault-msg").equals("cleared 1 fault(s)"));
        waitFor("the fault gone from the page",
                () -> text("#ecus li[data-ecu='climate-ecu'] .state").equals("running"));
        assertThat(ecu("climate-ecu").getFaultsList()).as("faults at the simulator").isEmpty();
        waitFor("all nine services UP", () -> text("#hdr-services").equals("9/9"));

        // An ECU the simulator does not have is refused by the bridge with the names it has.
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/simulator/fault', {method: 'POST', headers: {'content-type': 'application/json'},
                    body: JSON.stringify({fault: {target: {ecu: 'no-such-ecu'}, stopOffer: {}}, durationMs: 5000})})
                  .then(async (r) => done(r.status + ' ' + (await r.json()).error));
                """);
        assertThat(answer).hasToString("400 fault.target.ecu: no ECU named 'no-such-ecu'; the simulator has "
                + "[body-ecu, climate-ecu, head-unit, seat-ecu, vehicle-gateway]");
        // The browser logs every 4xx answer as an error: exactly the two refusals above, nothing else.
        String refused = "/api/simulator/fault - Failed to load resource: the server responded with a status of 400";
        assertThat(consoleErrors()).as("console errors").hasSize(2)
                .allSatisfy(message -> assertThat(message).contains(refused));
    }

    @Test
    @Order(9)
    @DisplayName("the signal table's filter shows only the rows whose path matches, and all again when cleared")
    void signalFilterHidesOtherRows() throws Exception {
        requireBrowser();
        int all = browser.findElements(By.cssSelector("#signals tbody tr")).size();
        setField("#signal-filter", "door.row1");
        waitFor("the filter applied", () -> !browser.findElement(By.cssSelector(
                "#signals tbody tr[data-path='Vehicle.Speed']")).isDisplayed());
        List<WebElement> shown = browser.findElements(By.cssSelector("#signals tbody tr")).stream()
                .filter(WebElement::isDisplayed).toList();
        assertThat(shown).as("rows shown").isNotEmpty().hasSizeLessThan(all)
                .allSatisfy(row -> assertThat(row.getAttribute("data-path")).containsIgnoringCase("door.row1"));
        assertThat(browser.findElement(By.cssSelector("#signals tbody tr[data-path='Vehicle.Cabin.Door.Row1"
                + ".DriverSide.IsOpen']")).isDisplayed()).as("a matching row").isTrue();
        screenshot("09-signal-filter");

        setField("#signal-filter", "");
        // clear() alone fires no input event; a key press does
        browser.findElement(By.id("signal-filter")).sendKeys(Keys.SPACE, Keys.BACK_SPACE);
        waitFor("every row again", () -> browser.findElements(By.cssSelector("#signals tbody tr")).stream()
                .filter(WebElement::isDisplayed).count() == all);
    }

    @Test
    @Order(10)
    @DisplayName("an example button asks the assistant (the sunroof opens halfway, confirmed by the ECU in real "
            + "time), and a door opened at the simulator opens on the car view")
    void exampleButtonAndCarView() throws Exception {
        requireBrowser();
        String sunroof = "Vehicle.Cabin.Sunroof.Position";
        assertThat(text("#sunroof-label")).as("before").isNotEqualTo("sunroof 50 %");
        browser.findElement(By.cssSelector(".example[data-text='open the sunroof halfway']")).click();
        assertThat(browser.findElement(By.id("ask-input")).getAttribute("value")).isEqualTo("open the sunroof halfway");
        // The sunroof takes over three seconds to get there, longer than the 2 s confirmation default: done means
        // the ECU reported 50 %, which the bridge waits for as long as the IDL's max_travel_ms for the sunroof.
        awaitOutcome("done");
        assertThat(text("#steps")).contains("Sunroof.Position").contains("confirmed");
        assertThat(simulatorValue(sunroof).getUint32()).as("sunroof at the ECU").isEqualTo(50);
        waitFor("the sunroof half open on the car", () -> text("#sunroof-label").equals("sunroof 50 %"));
        assertThat(Double.parseDouble(attribute("#sunroof-open", "height"))).as("the opening drawn").isEqualTo(42.0);

        // The driver's door moved outside the assistant (the simulator's plant): the car view follows.
        assertThat(attribute("#door-fl", "class")).doesNotContain("open");
        force("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", Value.newBuilder().setBool(true).build());
        waitFor("the driver's door open on the car", () -> attribute("#door-fl", "class").contains("open")
                && attribute("#door-fl", "transform").startsWith("rotate(40"));
        screenshot("10-sunroof-door");
        assertNoConsoleErrors();
    }

    /** Sets a plant value at the simulator, as if the car had done it. */
    private void force(String path, Value value) throws Exception {
        simulator.forceValue(ForceValueRequest.newBuilder().setPath(path).setValue(value).build())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(20)
    @DisplayName("SIGINT stops the demo cleanly: every ECU sends StopOffer, no stack trace")
    void sigintStopsCleanly() throws Exception {
        for (int service : SERVICES) {
            // Every service was seen up at least once (the restart's ups and downs may follow).
            assertThat(seen.get(service)).as("service 0x%04X", service).anyMatch(event -> event.startsWith("up "));
            seen.get(service).clear();
        }
        demo.interrupt();
        assertThat(demo.tool.awaitExit(60)).as("128 + SIGINT, after the shutdown hook ran").isEqualTo(130);
        for (int service : SERVICES) {
            assertThat(seen.get(service).poll(10, TimeUnit.SECONDS)).as("service 0x%04X", service)
                    .isEqualTo("down STOP_OFFER");
        }
        String transcript = demo.tool.transcript();
        assertThat(transcript).contains("out| stopped").doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Skips (or fails on CI) without chromium; a browser that did not open fails the step. */
    private void requireBrowser() {
        ExternalTools.requireChromium();
        assertThat(browser).as("the browser opened by the page-load step").isNotNull();
    }

    private void openBrowser() {
        ExternalTools.requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ExternalTools.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--lang=en-US", "--disable-gpu", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(ExternalTools.CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The assistant's reply once it has one, which must be {@code outcome}; the steps say why when not. */
    private void awaitOutcome(String outcome) {
        waitFor("the assistant's reply", () -> !attribute("#reply", "data-outcome").isEmpty());
        assertThat(attribute("#reply", "data-outcome")).as("outcome; reply: %s; steps: %s", text("#reply"),
                text("#steps")).isEqualTo(outcome);
    }

    /** The "reboots" column of the SOME/IP view, by service, read in one go. */
    private Map<String, Integer> reboots() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        List<?> rows = (List<?>) script("return [...document.querySelectorAll('#someip tbody tr')]"
                + ".map((row) => [row.dataset.service, row.querySelector('td.reboots').textContent]);");
        for (Object row : rows) {
            List<?> cells = (List<?>) row;
            counts.put((String) cells.get(0), Integer.parseInt(((String) cells.get(1)).trim()));
        }
        assertThat(counts).as("services in the SOME/IP view").hasSize(SERVICES.length);
        return counts;
    }

    private void selectFaultTarget(String ecu, String service) {
        new Select(browser.findElement(By.id("fault-ecu"))).selectByValue(ecu);
        waitFor(ecu + "'s services to choose from", () -> new Select(browser.findElement(By.id("fault-service")))
                .getOptions().stream().anyMatch(option -> option.getText().equals(service)));
        new Select(browser.findElement(By.id("fault-service"))).selectByVisibleText(service);
    }

    private void setField(String css, String value) {
        WebElement field = browser.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(value);
    }

    private Ecu ecu(String name) throws Exception {
        return simulator.listEcus(ListEcusRequest.getDefaultInstance()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).getEcusList().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ECU " + name + " at the simulator"));
    }

    private static OfferedService offered(Ecu ecu, String service) {
        return ecu.getServicesList().stream().filter(s -> s.getName().endsWith("." + service)).findFirst()
                .orElseThrow(() -> new AssertionError(ecu.getName() + " offers no " + service));
    }

    private void ask(String utterance) {
        WebElement input = browser.findElement(By.id("ask-input"));
        input.clear();
        input.sendKeys(utterance, Keys.ENTER);
    }

    private void assertNoConsoleErrors() {
        assertThat(consoleErrors()).as("console errors").isEmpty();
    }

    /** The console's errors since the last look (reading the browser's log empties it). */
    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, UI_WAIT).withMessage(what).until(driver -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException e) {
                return false; // an element not there yet
            }
        });
    }

    private Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(javascript);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    private String attribute(String css, String name) {
        return browser.findElement(By.cssSelector(css)).getAttribute(name);
    }

    private double number(String css) {
        return parse(text(css));
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void screenshot(String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private Value simulatorValue(String path) throws Exception {
        GetValuesResponse response = simulator.getValues(GetValuesRequest.newBuilder().addPatterns(path).build())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(response.getValuesList()).as("plant values of " + path).hasSize(1);
        return response.getValues(0).getValue();
    }

    private double simulatorNumber(String path) throws Exception {
        Value value = simulatorValue(path);
        return value.hasFloat() ? value.getFloat() : value.getDouble();
    }
}
