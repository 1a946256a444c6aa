package dev.lethe.catalog.dataset;

/** What kind of container a dataset is inside its system. */
public enum DatasetKind {
    TABLE,
    TOPIC,
    INDEX,
    API,
    FILE
}
