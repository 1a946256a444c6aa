package dev.lethe.workflows.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PackageAssemblerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    private final InMemoryPackageStore store = new InMemoryPackageStore();
    private final PackageParts parts = new PackageParts(store);

    @Test
    void theZipHoldsJsonAndCsvPerDatasetTheReportTheFactsAndAManifest() throws IOException {
        parts.write(TENANT, REQUEST, "shop", sink -> {
            sink.accept("customers", record("id", 1, "email", "ada@example.com"));
            sink.accept("orders", record("id", 7, "note", "=cmd|' /C calc'!A0"));
            sink.accept("orders", record("id", 8, "total", 12.5));
        });
        parts.write(TENANT, REQUEST, "crm", sink -> sink.accept("contacts", record("name", "<b>Ada</b>")));
        AtomicReference<Map<String, Set<String>>> asked = new AtomicReference<>();

        var assembled = new PackageAssembler(parts, store)
                .assemble(
                        TENANT,
                        REQUEST,
                        "ACCESS",
                        NOW,
                        List.of("shop", "crm", "empty"),
                        found -> {
                            asked.set(found);
                            return new Art15Facts(
                                    List.of(new Art15Facts.Purpose(
                                            "Orders", "Deliver orders", "CONTRACT", List.of("contact"))),
                                    List.of("contact"),
                                    List.of(new Art15Facts.Recipient(
                                            "Parcel & Co",
                                            "Delivery",
                                            List.of("contact"),
                                            true,
                                            "US",
                                            "STANDARD_CONTRACTUAL_CLAUSES")),
                                    List.of(new Art15Facts.Retention("Orders 10y", "shop/orders", "P10Y")),
                                    List.of(new Art15Facts.Source(
                                            "shop", "The web shop", List.of("customers", "orders"))));
                        },
                        "requests/" + REQUEST + "/package.zip");

        byte[] zip = store.objects.get(TENANT + "/requests/" + REQUEST + "/package.zip");
        assertThat(assembled.size()).isEqualTo(zip.length);
        assertThat(assembled.sha256()).isEqualTo(sha256(zip));
        assertThat(asked.get()).containsOnlyKeys("shop", "crm");
        assertThat(assembled.records())
                .containsEntry("empty", Map.of())
                .containsEntry("shop", Map.of("customers", 1L, "orders", 2L));

        Map<String, String> files = unzip(zip);
        assertThat(files)
                .containsOnlyKeys(
                        "shop/customers.json",
                        "shop/customers.csv",
                        "shop/orders.json",
                        "shop/orders.csv",
                        "crm/contacts.json",
                        "crm/contacts.csv",
                        "facts.json",
                        "report.html",
                        "manifest.json");
        assertThat(JSON.readTree(files.get("shop/orders.json"))).hasSize(2);
        assertThat(JSON.readTree(files.get("shop/customers.json"))
                        .get(0)
                        .get("email")
                        .asString())
                .isEqualTo("ada@example.com");
        assertThat(files.get("shop/orders.csv")).isEqualTo("id,note,total\r\n7,'=cmd|' /C calc'!A0,\r\n8,,12.5\r\n");
        assertThat(files.get("report.html"))
                .contains("&lt;b&gt;Ada&lt;/b&gt;")
                .doesNotContain("<b>Ada</b>")
                .contains("Parcel &amp; Co", "Deliver orders", "P10Y", "The web shop");
        assertThat(JSON.readTree(files.get("facts.json"))
                        .get("recipients")
                        .get(0)
                        .get("recipient")
                        .asString())
                .isEqualTo("Parcel & Co");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        List<String> described = new ArrayList<>();
        for (JsonNode file : manifest.get("files")) {
            String path = file.get("path").asString();
            described.add(path);
            assertThat(file.get("sha256").asString())
                    .as(path)
                    .isEqualTo(sha256(files.get(path).getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(described).hasSize(8);
        assertThat(manifest.get("records").get("shop").get("orders").asLong()).isEqualTo(2);
    }

    @Test
    void aRetriedSystemReplacesItsPartInsteadOfAddingToIt() {
        parts.write(TENANT, REQUEST, "shop", sink -> sink.accept("customers", record("id", 1)));
        parts.write(TENANT, REQUEST, "shop", sink -> {
            sink.accept("customers", record("id", 1));
            sink.accept("customers", record("id", 2));
        });

        List<Object> ids = new ArrayList<>();
        parts.read(TENANT, REQUEST, "shop", (dataset, record) -> ids.add(record.get("id")));

        assertThat(ids).containsExactly(1, 2);
    }

    @Test
    void aNameCannotEscapeItsFolderInTheZip() {
        assertThat(ZipNames.of("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
        assertThat(ZipNames.of("..")).isEqualTo("_..");
    }

    @Test
    void datasetsWhoseNamesMakeTheSameEntryBothGetOne() throws IOException {
        parts.write(TENANT, REQUEST, "shop", sink -> {
            sink.accept("a/b", record("id", 1));
            sink.accept("a_b", record("id", 2));
            sink.accept("A_B", record("id", 3));
        });

        new PackageAssembler(parts, store)
                .assemble(TENANT, REQUEST, "EXPORT", NOW, List.of("shop"), found -> Art15Facts.none(), "p.zip");

        Map<String, String> files = unzip(store.objects.get(TENANT + "/p.zip"));
        assertThat(files).containsKeys("shop/a_b.json", "shop/a_b~2.json", "shop/A_B~3.json", "shop/A_B~3.csv");
        assertThat(files.get("shop/a_b~2.json")).isEqualTo("[{\"id\":2}]");
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        var record = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(zip);
                var entries = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
