package dev.lethe.ingest.registry;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static dev.lethe.catalog.jooq.Tables.INGEST_STREAM;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.dataset.DatasetDraft;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.TermKind;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.StreamDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream registry: a tenant's streams, each for a dataset of the catalog (created with its system
 * when missing). Writes are versioned and audited like the catalog's ({@code catalog.stream.*}).
 * Thread-safe.
 */
public final class Streams {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> POLICY = new TypeReference<>() {};

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final DataSystems systems;
    private final Datasets datasets;
    private final Taxonomy taxonomy;
    private final Tenants tenants;
    private final TopicPolicy topicPolicy;

    public Streams(
            DSLContext dsl,
            CatalogChanges changes,
            DataSystems systems,
            Datasets datasets,
            Taxonomy taxonomy,
            Tenants tenants,
            TopicPolicy topicPolicy) {
        this.dsl = dsl;
        this.changes = changes;
        this.systems = systems;
        this.datasets = datasets;
        this.taxonomy = taxonomy;
        this.tenants = tenants;
        this.topicPolicy = topicPolicy;
    }

    public List<RegisteredStream> list(UUID tenantId, PageRequest page) {
        return select(dsl)
                .where(INGEST_STREAM.TENANT_ID.eq(tenantId))
                .orderBy(INGEST_STREAM.NAME)
                .offset(page.offset())
                .limit(page.limit())
                .fetch(Streams::toStream);
    }

    public Optional<RegisteredStream> find(UUID tenantId, String name) {
        return select(dsl)
                .where(INGEST_STREAM.TENANT_ID.eq(tenantId))
                .and(INGEST_STREAM.NAME.eq(name))
                .fetchOptional(Streams::toStream);
    }

    /**
     * The tenants that have streams, across all tenants: a platform read (the caller acts as the
     * platform), for the runtime that runs every tenant's streams.
     */
    public Set<UUID> tenantsWithStreams() {
        return Set.copyOf(
                dsl.selectDistinct(INGEST_STREAM.TENANT_ID).from(INGEST_STREAM).fetch(INGEST_STREAM.TENANT_ID));
    }

    /**
     * Registers a stream, creating its system and dataset in the catalog when they don't exist yet.
     *
     * @param prepare runs once the spec is valid for the tenant and before anything is written (the
     *     caller makes the stream's topics there), so that a refused spec prepares nothing
     */
    public RegisteredStream create(Editor editor, StreamSpec spec, Consumer<StreamSpec> prepare) {
        requireAllowedTopics(editor.tenantId(), spec);
        requireKnownCategories(editor.tenantId(), spec);
        prepare.accept(spec);
        UUID id = UUID.randomUUID();
        dsl.transaction(configuration -> {
            Map<Field<?>, Object> values = values(editor, spec);
            values.put(INGEST_STREAM.ID, id);
            values.put(INGEST_STREAM.STATE, DesiredState.RUNNING.name());
            changes.insert(editor, INGEST_STREAM, "stream", id.toString(), values);
        });
        return get(editor.tenantId(), spec.name());
    }

    /** Changes a stream; {@code prepare} as for {@link #create}. */
    public RegisteredStream update(
            Editor editor, String name, int expectedVersion, StreamSpec spec, Consumer<StreamSpec> prepare) {
        if (!spec.name().equals(name)) {
            throw new InvalidInputException(
                    "A stream can't be renamed (its name is its consumer group); register a new one instead");
        }
        requireAllowedTopics(editor.tenantId(), spec);
        requireKnownCategories(editor.tenantId(), spec);
        RegisteredStream current = get(editor.tenantId(), name);
        prepare.accept(spec);
        dsl.transaction(configuration -> changes.update(
                editor,
                INGEST_STREAM,
                "stream",
                current.id().toString(),
                INGEST_STREAM.ID.eq(current.id()),
                expectedVersion,
                values(editor, spec)));
        return get(editor.tenantId(), name);
    }

    /** Pauses or resumes a stream; idempotent, so it needs no If-Match. */
    public RegisteredStream setState(Editor editor, String name, DesiredState state) {
        RegisteredStream current = get(editor.tenantId(), name);
        if (current.state() != state) {
            changes.update(
                    editor,
                    INGEST_STREAM,
                    "stream",
                    current.id().toString(),
                    INGEST_STREAM.ID.eq(current.id()),
                    current.revision().version(),
                    Map.of(INGEST_STREAM.STATE, state.name()));
        }
        return get(editor.tenantId(), name);
    }

    public void delete(Editor editor, String name, int expectedVersion) {
        RegisteredStream current = get(editor.tenantId(), name);
        changes.delete(
                editor,
                INGEST_STREAM,
                "stream",
                current.id().toString(),
                INGEST_STREAM.ID.eq(current.id()),
                expectedVersion);
    }

    private RegisteredStream get(UUID tenantId, String name) {
        return find(tenantId, name).orElseThrow(() -> new NotFoundException("stream " + name));
    }

    /** The tenant's topic policy, before any topic is looked at or created (and before anything is written). */
    private void requireAllowedTopics(UUID tenantId, StreamSpec spec) {
        String slug = tenants.find(tenantId)
                .map(Tenant::slug)
                .orElseThrow(() -> new IllegalStateException("The caller's tenant does not exist"));
        topicPolicy.requireAllowed(slug, spec.sourceTopic(), "sourceTopic");
        topicPolicy.requireAllowed(slug, spec.targetTopic(), "targetTopic");
    }

    private void requireKnownCategories(UUID tenantId, StreamSpec spec) {
        var categories = new TreeSet<>(spec.policy().keySet());
        categories.remove(ProtectionPolicy.FALLBACK);
        taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, categories);
    }

    /** The row's values; the system and dataset are found by name, or created. */
    private Map<Field<?>, Object> values(Editor editor, StreamSpec spec) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(INGEST_STREAM.NAME, spec.name());
        values.put(INGEST_STREAM.SOURCE_TOPIC, spec.sourceTopic());
        values.put(INGEST_STREAM.TARGET_TOPIC, spec.targetTopic());
        values.put(INGEST_STREAM.DATASET_ID, datasetId(editor, spec));
        values.put(INGEST_STREAM.SUBJECT_PATH, spec.subjectPath());
        values.put(INGEST_STREAM.POLICY, JSONB.valueOf(JSON.writeValueAsString(spec.policy())));
        values.put(INGEST_STREAM.CONCURRENCY, spec.concurrency());
        return values;
    }

    private UUID datasetId(Editor editor, StreamSpec spec) {
        UUID systemId = dsl.select(DATA_SYSTEM.ID)
                .from(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(editor.tenantId()))
                .and(DATA_SYSTEM.NAME.eq(spec.system()))
                .fetchOptional(DATA_SYSTEM.ID)
                .orElseGet(() -> systems.create(
                                editor,
                                new SystemDraft(
                                        spec.system(),
                                        "Created by the registration of stream " + spec.name(),
                                        null,
                                        null,
                                        null,
                                        null))
                        .id());
        return dsl.select(DATASET.ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                .and(DATASET.SYSTEM_ID.eq(systemId))
                .and(DATASET.NAME.eq(spec.dataset()))
                .fetchOptional(DATASET.ID)
                .orElseGet(() -> datasets.create(
                                editor,
                                new DatasetDraft(
                                        systemId,
                                        spec.dataset(),
                                        DatasetKind.TOPIC.name(),
                                        spec.sourceTopic(),
                                        "Records of stream " + spec.name()))
                        .id());
    }

    private static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(INGEST_STREAM.fields())
                .select(DATA_SYSTEM.NAME, DATASET.NAME)
                .from(INGEST_STREAM)
                .join(DATASET)
                .on(DATASET.TENANT_ID.eq(INGEST_STREAM.TENANT_ID).and(DATASET.ID.eq(INGEST_STREAM.DATASET_ID)))
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID).and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID)));
    }

    private static RegisteredStream toStream(Record record) {
        String source = record.get(INGEST_STREAM.SOURCE_TOPIC);
        return new RegisteredStream(
                record.get(INGEST_STREAM.ID),
                record.get(INGEST_STREAM.TENANT_ID),
                record.get(INGEST_STREAM.NAME),
                source,
                record.get(INGEST_STREAM.TARGET_TOPIC),
                source + StreamDefinition.DEAD_LETTER_SUFFIX,
                record.get(DATA_SYSTEM.NAME),
                record.get(DATASET.NAME),
                record.get(INGEST_STREAM.SUBJECT_PATH),
                JSON.readValue(record.get(INGEST_STREAM.POLICY).data(), POLICY),
                record.get(INGEST_STREAM.CONCURRENCY),
                DesiredState.valueOf(record.get(INGEST_STREAM.STATE)),
                Revision.of(record, INGEST_STREAM));
    }
}
