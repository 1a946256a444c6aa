package dev.lethe.ui.ingest;

import dev.lethe.ingest.registry.TopicNotAllowedException;
import dev.lethe.ingest.runtime.StreamTopics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem responses for what only the stream registry refuses (the rest is the catalog's). */
@RestControllerAdvice(basePackageClasses = StreamProblems.class)
class StreamProblems {

    @ExceptionHandler(StreamTopics.MissingTopicsException.class)
    ProblemDetail missingTopics(StreamTopics.MissingTopicsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Unknown topic");
        problem.setProperty("missingTopics", e.topics());
        problem.setProperty("createTopics", "repeat the request with ?createTopics=true to create them");
        return problem;
    }

    @ExceptionHandler(TopicNotAllowedException.class)
    ProblemDetail topicNotAllowed(TopicNotAllowedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Topic not allowed");
        return problem;
    }

    @ExceptionHandler(StreamTopics.KafkaUnavailableException.class)
    ProblemDetail kafkaUnavailable(StreamTopics.KafkaUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Kafka unavailable");
        return problem;
    }
}
