package dev.lethe.ui.connectors;

import static dev.lethe.catalog.jooq.Tables.CONNECTION;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored connections of every tenant that do not use verified TLS: a database whose {@code ssl-mode} is not
 * {@code verify-full}, Kafka without {@code SSL}/{@code SASL_SSL}, a cluster or webhook reached over {@code
 * http://}. Connections stored before verified TLS became the default (V32) kept their old mode; this is how they
 * are found. Says only the setting and its (non-secret) mode, never a host, URL, name or secret. Thread-safe.
 */
public final class UnverifiedConnections {

    /** A connection without verified TLS, and why. */
    public record Unverified(UUID tenantId, UUID connectionId, String type, String reason) {

        /** One line for an operator: ids, the setting, what to set; nothing a connection's owner typed. */
        public String warning() {
            return "connection " + connectionId + " (" + type + ", tenant " + tenantId + ") " + reason
                    + " (docs/connectors.md#tls)";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {};
    private static final Set<String> SSL_MODES =
            Set.of("verify-full", "verify-ca", "require", "prefer", "trust", "disable", "allow");
    private static final Set<String> KAFKA_PROTOCOLS = Set.of("SSL", "SASL_SSL", "PLAINTEXT", "SASL_PLAINTEXT");

    private final DSLContext dsl;
    private final Tenants tenants;

    public UnverifiedConnections(DSLContext dsl, Tenants tenants) {
        this.dsl = dsl;
        this.tenants = tenants;
    }

    /** Every tenant's connections without verified TLS, tenant by tenant (row-level security holds). */
    public List<Unverified> find() {
        List<Unverified> found = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            TenantContext.runAs(
                    tenant.id(),
                    () -> dsl.select(CONNECTION.ID, CONNECTION.TYPE, CONNECTION.CONFIG)
                            .from(CONNECTION)
                            .where(CONNECTION.TENANT_ID.eq(tenant.id()))
                            .orderBy(CONNECTION.ID)
                            .forEach(row -> reason(
                                            row.value2(),
                                            JSON.readValue(row.value3().data(), SETTINGS))
                                    .ifPresent(reason -> found.add(
                                            new Unverified(tenant.id(), row.value1(), row.value2(), reason)))));
        }
        return found;
    }

    /** Why a connection of {@code type} with these (non-secret) settings is not verified TLS; empty when it is. */
    static Optional<String> reason(String type, Map<String, String> settings) {
        String sslMode = settings.get("ssl-mode");
        if (sslMode != null && !sslMode.isBlank() && !sslMode.strip().equals("verify-full")) {
            String mode = SSL_MODES.contains(sslMode.strip()) ? sslMode.strip() : "unrecognised";
            return Optional.of("is not verified TLS (ssl-mode " + mode + "): set ssl-mode verify-full"
                    + " and, for a private CA, ca-certificate");
        }
        String protocol = settings.get("security-protocol");
        if (protocol != null && !protocol.isBlank()) {
            String name = protocol.strip().toUpperCase(Locale.ROOT);
            if (!name.equals("SSL") && !name.equals("SASL_SSL")) {
                return Optional.of("is not TLS (security-protocol "
                        + (KAFKA_PROTOCOLS.contains(name) ? name : "unrecognised")
                        + "): set security-protocol SSL or SASL_SSL");
            }
        }
        String url = settings.get("url");
        if (url != null && url.strip().toLowerCase(Locale.ROOT).startsWith("http:")) {
            return Optional.of("is plain HTTP (url http://…): use an https:// URL");
        }
        return Optional.empty();
    }
}
