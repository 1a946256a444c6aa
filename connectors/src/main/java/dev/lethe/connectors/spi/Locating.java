package dev.lethe.connectors.spi;

import java.util.List;

/** A connector that can count a subject's records. */
public interface Locating {

    /** How many records of each dataset belong to the subject; datasets with none are listed with 0. */
    List<DatasetCount> locate(OperationContext context, Identities subject, SubjectMap map);

    /** One dataset's count. */
    record DatasetCount(String dataset, long records) {}
}
