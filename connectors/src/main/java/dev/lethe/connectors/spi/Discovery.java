package dev.lethe.connectors.spi;

import dev.lethe.classifier.ColumnClassification;
import java.util.List;

/**
 * What {@link Discovering#discover} found; becomes DISCOVERED datasets and fields in the catalog.
 */
public record Discovery(List<Dataset> datasets, List<Reference> references) {

    public Discovery {
        datasets = List.copyOf(datasets);
        references = List.copyOf(references);
    }

    /**
     * A table, index or topic.
     *
     * @param kind the catalog's dataset kind: {@code TABLE}, {@code INDEX}, {@code TOPIC}, …
     * @param location where it is in its system, e.g. {@code public.orders}
     */
    public record Dataset(String name, String kind, String location, List<Field> fields) {

        public Dataset {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A column or document path.
     *
     * @param categories data categories the sample suggests, best first (empty: none found)
     * @param confidence 0..1 for the first category; 0 without categories
     * @param suggestedIdentity the identity type the field seems to hold ({@code email},
     *     {@code customer_id}, …), or {@code null}
     * @param sampled how many values were classified
     */
    public record Field(
            String path,
            String dataType,
            List<String> categories,
            double confidence,
            String suggestedIdentity,
            int sampled) {

        public Field {
            categories = List.copyOf(categories);
            if (confidence < 0 || confidence > 1) {
                throw new IllegalArgumentException("confidence is between 0 and 1: " + confidence);
            }
        }

        /** A field as the classifier saw a sample of its values. */
        public static Field classified(
                String path, String dataType, ColumnClassification classification, String suggestedIdentity) {
            String category = classification.category();
            return new Field(
                    path,
                    dataType,
                    category == null ? List.of() : List.of(category),
                    category == null ? 0 : Math.min(1, Math.max(0, classification.score())),
                    suggestedIdentity,
                    classification.sampled());
        }
    }
}
