package dev.lethe.workflows.steps;

import dev.lethe.connectors.spi.Accessing;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.systems.ConnectedSystem;
import java.util.function.Consumer;

/** Where one system's records go while they stream in: its part of the request's package. */
interface AccessParts {

    /**
     * Writes the system's part anew from what {@code producer} hands to the sink; a part written before
     * (an earlier attempt) is replaced whole.
     *
     * @return how many records the part holds
     */
    long write(RequestRef ref, ConnectedSystem system, Consumer<Accessing.RecordSink> producer);
}
