package dev.lethe.app.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.infra.testing.UniqueNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TemporalSmokeIT extends AppIntegrationTest {

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface Greetings {
        String compose(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final Greetings greetings = Workflow.newActivityStub(
                Greetings.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .build());

        @Override
        public String greet(String name) {
            // A real timer: the embedded server runs them in real time, without skipping.
            Workflow.sleep(Duration.ofMillis(500));
            return greetings.compose(name);
        }
    }

    @Autowired
    WorkflowClient client;

    @Test
    void aWorkflowWithATimerAndAnActivityRunsToCompletion() {
        String taskQueue = UniqueNames.of("smoke");
        WorkerFactory factory = WorkerFactory.newInstance(client);
        try {
            var worker = factory.newWorker(taskQueue);
            worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
            worker.registerActivitiesImplementations((Greetings) name -> "hello, " + name);
            factory.start();

            GreetingWorkflow workflow = client.newWorkflowStub(
                    GreetingWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(taskQueue)
                            .setWorkflowId(UniqueNames.of("greeting"))
                            .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                            .build());

            assertThat(workflow.greet("lethe")).isEqualTo("hello, lethe");
        } finally {
            factory.shutdownNow();
        }
    }
}
