package dev.lethe.connectors.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A date field's value as a document's source spells it, as an instant: epoch milliseconds, or ISO
 * 8601 with or without a zone (without: UTC, as Elasticsearch reads it) or without a time. A custom
 * format Lethe does not know gives null: the preview then leaves oldest/newest open rather than guess.
 */
final class Clocks {

    private Clocks() {}

    static Instant parse(String value) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
