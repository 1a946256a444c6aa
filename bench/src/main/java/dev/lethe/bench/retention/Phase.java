package dev.lethe.bench.retention;

/** The parts of one run the reader's figures are split by. */
enum Phase {
    BASELINE("reader alone, no purge"),
    PURGE("during the purge"),
    AFTER("after the purge");

    final String label;

    Phase(String label) {
        this.label = label;
    }
}
