package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The log of a whole run holds no personal data and no secret: a stream protects records carrying an
 * e-mail address, a card and a name; data-subject requests are filed, approved and run (erasure and
 * access) for subjects of a connected shop; a visitor files a request on the portal (a wrong code, a new code,
 * the right one: every code mailed or typed is among the known values); a person signs in
 * with a known password (and once with a wrong one); an API key is made and used; a connection is
 * registered with a known password (and one with a wrong password is tested). Every log line of this
 * JVM in that time goes through the production file appender of {@code logback-spring.xml} (masking
 * encoder and all) into a real file, which is then searched for each known value.
 *
 * <p>It sits with the portal's tests to share their application context (the portal's mail going to
 * GreenMail). A raw capture of the same events beside it shows which values reached a log call at all,
 * so the test can tell that the masking, not luck, kept them out.
 */
class NoPiiInLogsIT extends PortalTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path logFile;
    private static LoggerContext production;
    private static Appender<ILoggingEvent> productionFile;
    private static final ListAppender<ILoggingEvent> RAW = new ListAppender<>();
    private Level rootLevel;
    private Level letheLevel;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private final List<String> known = new ArrayList<>();

    /**
     * The portal's one-time codes mailed (and the wrong one typed) in this run: six digits, searched for as a number
     * of their own so that a longer number or an identifier that happens to hold them is not taken for a leak.
     */
    private final List<Pattern> knownCodes = new ArrayList<>();

    private Tenant tenant;
    private CatalogHttp engineer;
    private CatalogHttp officer;
    private CatalogHttp secondOfficer;
    private String officerKey;
    private ShopDatabase shop;

    /** The production configuration with a log file, read into a logger context of its own. */
    @BeforeAll
    static void buildTheProductionFileAppender() throws Exception {
        // Under target/ so that a failure can be read (the values are the test's own, nobody's data).
        Path directory = Files.createDirectories(Path.of("target", "log-scan"));
        logFile = directory.resolve("lethe.log");
        Files.deleteIfExists(logFile);
        production = new LoggerContext();
        production.putProperty("LOG_FILE", logFile.toString());
        var configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(NoPiiInLogsIT.class.getResource("/logback-spring.xml"));
        productionFile = production.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        assertThat(productionFile).as("logback-spring.xml's file appender").isNotNull();
        RAW.start();
    }

    /**
     * Attached once the application runs (its start re-initializes logging, which would detach them): the
     * file appender and the raw capture on this JVM's root logger.
     */
    @BeforeEach
    void writeTheLogAsProductionDoes() {
        Logger root = root();
        Logger lethe = (Logger) LoggerFactory.getLogger("dev.lethe");
        rootLevel = root.getLevel();
        letheLevel = lethe.getLevel();
        // As production (INFO), and the application's own loggers at DEBUG, where leaks would hide.
        root.setLevel(Level.INFO);
        lethe.setLevel(Level.DEBUG);
        root.addAppender(productionFile);
        root.addAppender(RAW);
    }

    @AfterEach
    void stopWriting() {
        Logger root = root();
        root.detachAppender(productionFile);
        root.detachAppender(RAW);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("dev.lethe")).setLevel(letheLevel);
    }

    @AfterAll
    static void closeTheFile() {
        production.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void aWholeRunLogsNoKnownPersonalDataNorSecret() throws Exception {
        tenant = tenants.create(UniqueNames.of("logscan"), "Log scan");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officerKey = key(Role.PRIVACY_OFFICER);
        officer = new CatalogHttp(port, officerKey);
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));

        ingest();
        connections();
        requests();
        portal();
        signIn();
        apiKey();

        root().detachAppender(productionFile);
        root().detachAppender(RAW);
        List<String> log = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        List<String> reached = reachedALogCall();
        Files.write(logFile.resolveSibling("raw-hits.txt"), reached);

        // Lethe logs little on a friendly run, and some lines (a first key made) only once per JVM: the
        // file is judged by the masked lines below, not by its length.
        assertThat(log).as("lines written").isNotEmpty();
        for (String value : known) {
            assertThat(log).as("the log file (%s)", logFile).noneMatch(line -> line.contains(value));
        }
        assertThat(knownCodes).as("codes mailed and tried").hasSize(3);
        for (Pattern code : knownCodes) {
            assertThat(log)
                    .as("the log file (%s), for a code", logFile)
                    .noneMatch(line -> code.matcher(line).find());
        }
        assertThat(reached)
                .as("known values that reached a log call (raw events, before masking): the masking had work to do")
                .isNotEmpty();
        assertThat(log)
                .as("lines where masking happened")
                .anyMatch(line -> line.contains("[EMAIL_ADDRESS]") || line.contains("[SECRET]"));
        assertThat(serverErrors())
                .as("requests that failed inside the server (a streamed package download once did, after its body)")
                .isEmpty();
    }

    /** The servlet container's error events: a request that threw after Lethe's own error handling. */
    private List<String> serverErrors() {
        synchronized (RAW) {
            return RAW.list.stream()
                    .filter(event -> event.getLevel() == Level.ERROR
                            && event.getLoggerName().startsWith("org.apache.catalina"))
                    .map(event -> event.getLoggerName() + " | " + event.getFormattedMessage())
                    .toList();
        }
    }

    /** The raw events' messages and traces that hold a known value. */
    private List<String> reachedALogCall() {
        List<String> hits = new ArrayList<>();
        synchronized (RAW) {
            for (ILoggingEvent event : RAW.list) {
                String text = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                if (known.stream().anyMatch(text::contains)
                        || knownCodes.stream()
                                .anyMatch(code -> code.matcher(text).find())) {
                    hits.add(event.getLoggerName() + " | " + text);
                }
            }
        }
        return hits;
    }

    /** A stream protecting records with an e-mail address, a card and a name; one record is not JSON. */
    private void ingest() throws Exception {
        String name = UniqueNames.of("logscan");
        String email = "wilhelmina." + name + "@example.com";
        String card = "4539 1488 0343 6467";
        String person = "Wilhelmina Okonkwo";
        known.addAll(List.of(email, card, card.replace(" ", ""), person));
        Map<String, Object> stream = new HashMap<>();
        stream.put("name", name);
        stream.put("sourceTopic", name + ".raw");
        stream.put("targetTopic", name + ".clean");
        stream.put("system", "shop-" + name);
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put(
                "policy",
                Map.of("contact.email", "DETERMINISTIC", "financial.card", "FORMAT_PRESERVING", "*", "REDACT"));
        HttpResponse<String> created = engineer.post("/api/v1/streams?createTopics=true", stream);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                    name + ".raw",
                    "order-1",
                    "{\"customer\":{\"id\":\"c-1\",\"name\":\"" + person + "\",\"email\":\"" + email
                            + "\"},\"payment\":{\"card\":\"" + card + "\"}}"));
            producer.send(new ProducerRecord<>(name + ".raw", "order-2", "{not json " + email + " " + card));
        }
        assertThat(CommittedRecords.read(name + ".clean", 1, PATIENCE)).hasSize(1);
        assertThat(CommittedRecords.read(name + ".raw.dlq", 1, PATIENCE)).hasSize(1);
    }

    /** The shop registered with its password, and a connection with a wrong password tested. */
    private void connections() throws Exception {
        shop = ShopDatabase.create();
        known.add(shop.password());
        Map<String, Object> wrong = shop.registration(UniqueNames.of("wrong"), UniqueNames.of("wrong-db"));
        String wrongPassword = "Known-Wrong-Db-Password-0815";
        known.add(wrongPassword);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) wrong.get("config"));
        config.put("password", wrongPassword);
        wrong.put("config", config);
        String wrongPath = "/api/v1/connections/"
                + created(engineer.post("/api/v1/connections", wrong)).get("id").asString();
        HttpResponse<String> tested = engineer.post(wrongPath + "/test", Map.of());
        assertThat(tested.body()).as("the test fails to sign in").contains("connect and sign in");
    }

    /** An erasure (four eyes) and an access request for the shop's customers, run to the end. */
    private void requests() throws Exception {
        known.addAll(List.of("customer7@example.org", "customer9@example.org", "+49 30 1234007", "+49 30 1234009"));
        String shopPath = "/api/v1/connections/"
                + created(engineer.post(
                                "/api/v1/connections",
                                shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db"))))
                        .get("id")
                        .asString();
        JsonNode discovered = CatalogHttp.body(engineer.post(shopPath + "/discover", Map.of()));
        for (JsonNode dataset : discovered.get("datasets")) {
            String path = "/api/v1/datasets/" + dataset.get("id").asString();
            HttpResponse<String> reviewed = engineer.post(
                    path + "/fields/review", CatalogHttp.etag(engineer.get(path)), Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }

        String erasure = "/api/v1/requests/" + file("ERASURE", "customer7@example.org");
        await(erasure, request -> status(request).equals("AWAITING_APPROVAL"));
        assertThat(secondOfficer
                        .post(erasure + "/approve", Map.of("reason", "identity checked"))
                        .statusCode())
                .isEqualTo(200);
        String access = "/api/v1/requests/" + file("ACCESS", "customer9@example.org");
        await(access, request -> status(request).equals("AWAITING_APPROVAL"));
        assertThat(officer.post(access + "/approve", Map.of("reason", "identity checked"))
                        .statusCode())
                .isEqualTo(200);
        await(erasure, request -> status(request).startsWith("COMPLETED"));
        await(access, request -> status(request).startsWith("COMPLETED"));
        HttpResponse<byte[]> zip = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + access + "/package"))
                        .header("Authorization", "Bearer " + officerKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
    }

    private String file(String type, String email) {
        return created(officer.post(
                        "/api/v1/requests",
                        Map.of("type", type, "identities", Map.of("email", email), "regulation", "GDPR")))
                .get("id")
                .asString();
    }

    /**
     * A visitor files an erasure on the portal, types a wrong code, asks for a new one and verifies with it; the
     * status link is mailed.
     */
    private void portal() {
        String email = UniqueNames.of("visitor") + "@example.net";
        known.add(email);
        PortalVisitor visitor = new PortalVisitor(port, "127.0.0.201");
        String path = "/privacy/" + tenant.slug();
        visitor.get(path + "/new/erasure");
        HttpResponse<String> filed = visitor.post(path + "/new/erasure", Map.of("email", email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String token = tokenOf(filed);
        known.add(token);
        String first = knownCode(awaitCode(email, 1));
        String link = magicLinkIn(awaitMail(email, 1));
        known.add(link.substring(link.lastIndexOf('/') + 1));
        String wrong = knownCode("%06d".formatted((Integer.parseInt(first) + 1) % 1_000_000));
        visitor.get(path + "/verify/" + token);
        assertThat(visitor.post(path + "/verify/" + token, Map.of("code", wrong))
                        .statusCode())
                .isEqualTo(400);
        assertThat(visitor.post(path + "/verify/" + token + "/resend", Map.of()).statusCode())
                .isEqualTo(302);
        String second = knownCode(awaitCode(email, 2));
        visitor.get(path + "/verify/" + token);
        assertThat(visitor.post(path + "/verify/" + token, Map.of("code", second))
                        .statusCode())
                .isEqualTo(302);
        assertThat(awaitMail(email, 3)).as("the status link, mailed").contains(token);
    }

    private String knownCode(String code) {
        knownCodes.add(Pattern.compile("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])"));
        return code;
    }

    /** A person signs in with the known password, and someone tries a wrong one for their address. */
    private void signIn() {
        Person person = people().create(tenant, "Ottilie Brandt", Role.PRIVACY_OFFICER);
        String wrongPassword = "Known-Wrong-Password-4711";
        known.addAll(List.of(person.email(), People.PASSWORD, wrongPassword));
        WebClient stranger = new WebClient(port);
        stranger.get("/sign-in?tenant=" + tenant.slug());
        HttpResponse<String> refused = stranger.post(
                "/sign-in", Map.of("tenant", tenant.slug(), "email", person.email(), "password", wrongPassword));
        assertThat(refused.headers().firstValue("Location").orElse("")).doesNotEndWith("/second-factor");
        WebClient signedIn = People.signIn(port, person);
        assertThat(signedIn.get("/requests").statusCode()).isEqualTo(200);
    }

    /** An ADMIN makes a key through the API; it is used, and an unknown key is refused. */
    private void apiKey() throws Exception {
        CatalogHttp admin = new CatalogHttp(port, key(Role.ADMIN));
        JsonNode made = created(admin.post(
                "/api/v1/api-keys",
                Map.of("name", UniqueNames.of("ci"), "roles", List.of("ADMIN"), "scopes", List.of("read"))));
        String secret = made.get("key").asString();
        String unknown = "lethe-unknown-" + UUID.randomUUID() + UUID.randomUUID();
        known.addAll(List.of(secret, unknown, ADMIN_KEY, officerKey));
        assertThat(new CatalogHttp(port, secret).get("/api/v1/streams").statusCode())
                .isEqualTo(200);
        assertThat(new CatalogHttp(port, unknown).get("/api/v1/streams").statusCode())
                .isEqualTo(401);
        assertThat(get("/actuator/health", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    private JsonNode await(String path, Predicate<JsonNode> done) {
        return Eventually.require("the request at " + path, () -> CatalogHttp.body(officer.get(path)), done, PATIENCE);
    }

    private static String status(JsonNode request) {
        return request.get("status").asString();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return CatalogHttp.body(response);
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        known.add(secret);
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
