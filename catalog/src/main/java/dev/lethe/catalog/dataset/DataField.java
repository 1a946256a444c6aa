package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.Revision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A field of a dataset (a column, a JSON path) and the data categories it holds.
 *
 * @param identityType the identity type the field holds ({@code email}, {@code customer_id}, …), null
 *     when it holds none; suggested by discovery, confirmed with the field
 * @param confidence the detector's confidence in {@code categories} (0..1), null when a person entered them
 * @param sampleCount how many findings of personal data discovery counted in this field (0 for fields
 *     only people entered); a count, never a value
 * @param confirmedBy who confirmed or rejected the field, null while DISCOVERED
 */
public record DataField(
        UUID id,
        UUID datasetId,
        String path,
        String dataType,
        List<String> categories,
        String identityType,
        FieldStatus status,
        BigDecimal confidence,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long sampleCount,
        String confirmedBy,
        Instant confirmedAt,
        Revision revision) {}
