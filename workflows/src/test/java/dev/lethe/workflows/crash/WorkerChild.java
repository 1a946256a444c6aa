package dev.lethe.workflows.crash;

import dev.lethe.workflows.run.RequestTimings;
import dev.lethe.workflows.run.RequestWorker;
import dev.lethe.workflows.run.TemporalRequestSignals;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process of {@link RequestCrashIT}: the request workflow and the real activities over
 * the shared catalog, vault, shops and keys, polling the test's Temporal server on the run's task
 * queue until it is killed. Arguments: {@link CrashSettings#arguments()}.
 */
public final class WorkerChild {

    private static final Logger log = LoggerFactory.getLogger(WorkerChild.class);

    /**
     * Seconds, not minutes: a killed worker's activities time out and run again soon. System work
     * heartbeats no more than its calls take, so its heartbeat timeout is its start-to-close.
     */
    static final RequestTimings TIMINGS = new RequestTimings(
            Duration.ofSeconds(5),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofMillis(200),
            2.0,
            Duration.ofSeconds(1),
            50,
            List.of(),
            Duration.ofSeconds(5));

    static final String READY = "worker ready";

    private WorkerChild() {}

    public static void main(String[] args) throws Exception {
        CrashSettings settings = CrashSettings.of(args);
        CrashParts parts = CrashParts.open(settings);
        var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporal())
                .build());
        var client = WorkflowClient.newInstance(stubs);
        var signals = new TemporalRequestSignals(client, settings.taskQueue(), TIMINGS);
        var factory = WorkerFactory.newInstance(client);
        // A few activities at a time: the machine's two cores finish them well within their timeouts.
        RequestWorker.register(
                factory,
                settings.taskQueue(),
                WorkerOptions.newBuilder()
                        .setMaxConcurrentActivityExecutionSize(4)
                        // No sticky workflow tasks: the embedded (Java test) server never moves a task
                        // from a dead worker's sticky queue back to the shared one, so the workflows a
                        // killed worker had last touched would wait forever. Zero turns stickiness off.
                        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                        .build(),
                new TimedActivities(parts.activities(settings, signals)));
        factory.start();
        log.info("{}: polling {}", READY, settings.taskQueue());
        while (true) {
            Thread.sleep(Duration.ofSeconds(1));
        }
    }
}
