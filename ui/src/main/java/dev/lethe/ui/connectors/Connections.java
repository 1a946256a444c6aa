package dev.lethe.ui.connectors;

import static dev.lethe.catalog.jooq.Tables.CONNECTION;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.Require;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's connections (table {@code connection}, row-level security): registered, changed and
 * removed with optimistic locking and an audit entry each ({@code catalog.connection.*}, naming the
 * columns that changed, never a value). Settings are checked by the connector type and the outbound
 * guard before anything is stored; secret settings are stored only sealed ({@link ConnectionSecrets}).
 * Thread-safe.
 */
public final class Connections {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {};
    /** How the API shows a secret setting that is set; sending it back keeps the stored value. */
    static final Map<String, Object> SET = Map.of("set", true);

    private static final Map<String, Object> UNSET = Map.of("set", false);

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final DataSystems systems;
    private final ConnectorTypes types;
    private final ConnectionSecrets secrets;
    private final OutboundGuard guard;
    private final AuditTrail trail;
    private final boolean approvalRequired;

    /**
     * @param approvalRequired whether a connection waits for a second person's approval before locate,
     *     requests and retention use it ({@code lethe.connectors.approval-required}; true in production)
     */
    public Connections(
            DSLContext dsl,
            CatalogChanges changes,
            DataSystems systems,
            ConnectorTypes types,
            ConnectionSecrets secrets,
            OutboundGuard guard,
            AuditTrail trail,
            boolean approvalRequired) {
        this.dsl = dsl;
        this.changes = changes;
        this.systems = systems;
        this.types = types;
        this.secrets = secrets;
        this.guard = guard;
        this.trail = trail;
        this.approvalRequired = approvalRequired;
    }

    /** Whether locate, requests and retention may use the connection: approved, or approval not required. */
    boolean usable(StoredConnection connection) {
        return !approvalRequired || connection.approved();
    }

    List<ConnectionView> list(UUID tenantId, PageRequest page) {
        return select()
                .where(CONNECTION.TENANT_ID.eq(tenantId))
                .orderBy(CONNECTION.NAME)
                .offset(page.offset())
                .limit(page.limit())
                .fetch(Connections::toStored)
                .stream()
                .map(this::view)
                .toList();
    }

    /** Every connection of the tenant, by name; for requests, which run through all of them. */
    List<StoredConnection> all(UUID tenantId) {
        return select().where(CONNECTION.TENANT_ID.eq(tenantId))
                .orderBy(CONNECTION.NAME)
                .fetch(Connections::toStored);
    }

    Optional<ConnectionView> find(UUID tenantId, UUID id) {
        return stored(tenantId, id).map(this::view);
    }

    Optional<StoredConnection> stored(UUID tenantId, UUID id) {
        return select().where(CONNECTION.TENANT_ID.eq(tenantId))
                .and(CONNECTION.ID.eq(id))
                .fetchOptional(Connections::toStored);
    }

    /** Every setting of a stored connection, secret ones opened: only for opening a connector. */
    Map<String, String> settings(StoredConnection connection) {
        Map<String, String> settings = new HashMap<>(connection.config());
        settings.putAll(secrets.open(connection.tenantId(), connection.id(), connection.secrets()));
        return settings;
    }

    ConnectionView create(Editor editor, ConnectionRequest request) {
        String name = Require.text(request.name(), "name");
        ConnectorType type = types.require(request.type());
        String system = Require.text(request.system(), "system");
        Map<String, String> settings = withTlsStated(type, settings(type, request.config(), Map.of()));
        RegistrationTargets.check(guard, type, type.configure(settings));
        UUID id = UUID.randomUUID();
        Map<String, String> secret = secretsOf(type, settings);
        Sealing.SealedBox sealed = secrets.seal(editor.tenantId(), id, secret);
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(CONNECTION.ID, id);
        values.put(CONNECTION.NAME, name);
        values.put(CONNECTION.TYPE, type.name());
        values.put(CONNECTION.SYSTEM_ID, systemId(editor, system, name));
        values.put(CONNECTION.CONFIG, json(plainOf(type, settings)));
        putSealed(values, secret, sealed);
        values.put(CONNECTION.SUBMITTED_BY, editor.by());
        changes.insert(editor, CONNECTION, "connection", id.toString(), values);
        submitted(editor, id, type, plainOf(type, settings));
        return find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection " + id));
    }

    ConnectionView update(Editor editor, UUID id, int expectedVersion, ConnectionRequest request) {
        StoredConnection current =
                stored(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection " + id));
        String name = Require.text(request.name(), "name");
        String system = Require.text(request.system(), "system");
        if (request.type() != null && !request.type().equals(current.type())) {
            throw new InvalidInputException(
                    "type can't change (it decides the settings); register a new connection instead");
        }
        ConnectorType type = types.require(current.type());
        Map<String, String> storedSecrets = secrets.open(editor.tenantId(), id, current.secrets());
        Map<String, String> settings = withTlsStated(type, settings(type, request.config(), storedSecrets));
        RegistrationTargets.check(guard, type, type.configure(settings));
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(CONNECTION.NAME, name);
        if (!system.equals(current.system())) {
            values.put(CONNECTION.SYSTEM_ID, systemId(editor, system, name));
        }
        Map<String, String> plain = plainOf(type, settings);
        boolean resubmitted = !plain.equals(current.config());
        if (resubmitted) {
            values.put(CONNECTION.CONFIG, json(plain));
            // Where it points, how it is secured, what it covers: a second person approves it again.
            values.put(CONNECTION.SUBMITTED_BY, editor.by());
            values.put(CONNECTION.APPROVED_AT, null);
            values.put(CONNECTION.APPROVED_BY, null);
        }
        Map<String, String> secret = secretsOf(type, settings);
        if (!secret.equals(storedSecrets)) {
            putSealed(values, secret, secrets.seal(editor.tenantId(), id, secret));
        }
        changes.update(editor, CONNECTION, "connection", id.toString(), CONNECTION.ID.eq(id), expectedVersion, values);
        if (resubmitted) {
            submitted(editor, id, type, plain);
        }
        return find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection " + id));
    }

    /**
     * Approves the connection at {@code expectedVersion} (the one the approver looked at) for locate,
     * requests and retention; audited ({@code connector.connection.approved}) with its TLS settings. The
     * caller's role is checked by the caller; here: not the person who submitted it, and not twice.
     */
    ConnectionView approve(Editor editor, UUID id, int expectedVersion) {
        StoredConnection current =
                stored(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection " + id));
        if (current.approved()) {
            throw new ConflictException("connection " + id + " is approved already");
        }
        if (current.submittedBy().equals(editor.by())) {
            throw new OwnSubmissionException();
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(CONNECTION.APPROVED_AT, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        values.put(CONNECTION.APPROVED_BY, editor.by());
        changes.update(
                editor,
                CONNECTION,
                "connection",
                id.toString(),
                CONNECTION.ID.eq(id).and(CONNECTION.APPROVED_AT.isNull()),
                expectedVersion,
                values);
        Map<String, String> details = tlsDetails(current.config());
        details.put("version", Integer.toString(expectedVersion + 1));
        trail.append(new AuditEvent(editor.tenantId(), editor.actor(), APPROVED, "connection:" + id, details));
        return find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection " + id));
    }

    /** The audit action of an approval. */
    static final String APPROVED = "connector.connection.approved";

    /** The audit action of a registration or a change of settings, which waits for approval. */
    static final String SUBMITTED = "connector.connection.submitted";

    /** TLS settings: the ones whose default is verified TLS, and the opt-out a connection may state. */
    private static final List<String> TLS_SETTINGS = List.of("ssl-mode", "security-protocol");

    private void submitted(Editor editor, UUID id, ConnectorType type, Map<String, String> plain) {
        Map<String, String> details = tlsDetails(plain);
        details.put("type", type.name());
        details.put("approval", approvalRequired ? "pending" : "not required");
        trail.append(new AuditEvent(editor.tenantId(), editor.actor(), SUBMITTED, "connection:" + id, details));
    }

    private static Map<String, String> tlsDetails(Map<String, String> plain) {
        Map<String, String> details = new LinkedHashMap<>();
        TLS_SETTINGS.stream().filter(plain::containsKey).forEach(name -> details.put(name, plain.get(name)));
        details.put("ca-certificate", plain.containsKey("ca-certificate") ? "set" : "unset");
        return details;
    }

    /**
     * The TLS setting stored as it applies, the default included: a later change of the default does
     * not change an existing connection, and its page and audit entries state it.
     */
    private static Map<String, String> withTlsStated(ConnectorType type, Map<String, String> settings) {
        Map<String, String> stated = new LinkedHashMap<>(settings);
        type.fields().stream()
                .filter(field -> TLS_SETTINGS.contains(field.name()) && field.defaultValue() != null)
                .filter(field -> stated.get(field.name()) == null
                        || stated.get(field.name()).isBlank())
                .forEach(field -> stated.put(field.name(), field.defaultValue()));
        return stated;
    }

    /** The person who registered or last changed a connection's settings may not approve it. */
    static final class OwnSubmissionException extends RuntimeException {

        OwnSubmissionException() {
            super("A connection is approved by a privacy officer or administrator other than the one who"
                    + " registered it or last changed its settings");
        }
    }

    void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(editor, CONNECTION, "connection", id.toString(), CONNECTION.ID.eq(id), expectedVersion);
    }

    /**
     * The settings a request makes, as text: given values, and for each secret setting left out or sent
     * back as shown ({@code {"set": true}}) the stored one. Settings the type does not know are kept, so
     * that {@link ConnectorType#configure} names them.
     */
    private static Map<String, String> settings(
            ConnectorType type, Map<String, Object> config, Map<String, String> storedSecrets) {
        Map<String, String> settings = new LinkedHashMap<>();
        config.forEach((name, value) -> {
            String text = text(name, value);
            if (text != null) {
                settings.put(name, text);
            }
        });
        for (ConfigField field : type.fields()) {
            if (!field.secret()) {
                continue;
            }
            boolean keep = !config.containsKey(field.name()) || config.get(field.name()) instanceof Map<?, ?>;
            if (keep && storedSecrets.containsKey(field.name())) {
                settings.put(field.name(), storedSecrets.get(field.name()));
            }
        }
        return settings;
    }

    private static String text(String name, Object value) {
        return switch (value) {
            case null -> null;
            case String string -> string;
            case Number number -> number.toString();
            case Boolean flag -> flag.toString();
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(","));
            // {"set": true} stands for the stored secret (handled by the caller).
            case Map<?, ?> map -> null;
            default -> throw new InvalidInputException("config." + name + " is not a text, number, boolean or list");
        };
    }

    private static Map<String, String> secretsOf(ConnectorType type, Map<String, String> settings) {
        Map<String, String> secret = new LinkedHashMap<>();
        type.fields().stream()
                .filter(ConfigField::secret)
                .filter(field -> settings.containsKey(field.name()))
                .forEach(field -> secret.put(field.name(), settings.get(field.name())));
        return secret;
    }

    private static Map<String, String> plainOf(ConnectorType type, Map<String, String> settings) {
        Map<String, String> plain = new LinkedHashMap<>();
        type.fields().stream()
                .filter(field -> !field.secret())
                .filter(field -> settings.containsKey(field.name())
                        && !settings.get(field.name()).isBlank())
                .forEach(field ->
                        plain.put(field.name(), settings.get(field.name()).strip()));
        return plain;
    }

    private UUID systemId(Editor editor, String system, String connection) {
        return dsl.select(DATA_SYSTEM.ID)
                .from(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(editor.tenantId()))
                .and(DATA_SYSTEM.NAME.eq(system))
                .fetchOptional(DATA_SYSTEM.ID)
                .orElseGet(() -> systems.create(
                                editor,
                                new SystemDraft(
                                        system,
                                        "Created by the registration of connection " + connection,
                                        null,
                                        null,
                                        null,
                                        null))
                        .id());
    }

    private static void putSealed(Map<Field<?>, Object> values, Map<String, String> secret, Sealing.SealedBox sealed) {
        values.put(CONNECTION.SECRET_NAMES, new java.util.TreeSet<>(secret.keySet()).toArray(String[]::new));
        values.put(CONNECTION.SECRETS, sealed.ciphertext());
        values.put(CONNECTION.SECRETS_DEK, sealed.dataKey().ciphertext());
        values.put(CONNECTION.KEK_VERSION, sealed.dataKey().kekVersion());
    }

    private static JSONB json(Map<String, String> settings) {
        return JSONB.valueOf(JSON.writeValueAsString(settings));
    }

    private ConnectionView view(StoredConnection connection) {
        Map<String, Object> config = new LinkedHashMap<>();
        Optional<ConnectorType> type = types.find(connection.type());
        Map<String, String> plain = connection.config();
        if (type.isEmpty()) {
            config.putAll(plain);
        } else {
            for (ConfigField field : type.get().fields()) {
                if (field.secret()) {
                    config.put(field.name(), connection.secretNames().contains(field.name()) ? SET : UNSET);
                } else if (plain.containsKey(field.name())) {
                    config.put(field.name(), plain.get(field.name()));
                }
            }
        }
        return new ConnectionView(
                connection.id(),
                connection.name(),
                connection.type(),
                connection.system(),
                connection.systemId(),
                config,
                approvalRequired && !connection.approved() ? "PENDING_APPROVAL" : "APPROVED",
                connection.approvedAt(),
                connection.revision());
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(CONNECTION.fields())
                .select(DATA_SYSTEM.NAME)
                .from(CONNECTION)
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(CONNECTION.TENANT_ID).and(DATA_SYSTEM.ID.eq(CONNECTION.SYSTEM_ID)));
    }

    private static StoredConnection toStored(Record record) {
        return new StoredConnection(
                record.get(CONNECTION.ID),
                record.get(CONNECTION.TENANT_ID),
                record.get(CONNECTION.NAME),
                record.get(CONNECTION.TYPE),
                record.get(CONNECTION.SYSTEM_ID),
                record.get(DATA_SYSTEM.NAME),
                JSON.readValue(record.get(CONNECTION.CONFIG).data(), SETTINGS),
                java.util.Set.of(record.get(CONNECTION.SECRET_NAMES)),
                new Sealing.SealedBox(
                        record.get(CONNECTION.SECRETS),
                        new WrappedDek(record.get(CONNECTION.KEK_VERSION), record.get(CONNECTION.SECRETS_DEK))),
                record.get(CONNECTION.SUBMITTED_BY),
                record.get(CONNECTION.APPROVED_AT),
                Revision.of(record, CONNECTION));
    }
}
