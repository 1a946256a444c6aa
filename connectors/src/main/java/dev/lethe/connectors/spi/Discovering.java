package dev.lethe.connectors.spi;

/** A connector that can list its system's datasets and fields and classify samples of them. */
public interface Discovering {

    /**
     * The system's datasets, their fields with types, the categories a bounded sample of each
     * field's values suggests, and the references between datasets. Sampled values are classified
     * in memory and dropped: never stored, logged or returned.
     *
     * @param samplePerField at most this many values are read per field
     */
    Discovery discover(OperationContext context, int samplePerField);
}
