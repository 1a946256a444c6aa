package dev.lethe.app.requests;

import dev.lethe.workflows.request.RequestSignals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the request store wakes a request's workflow. Until the workflows run in the application this
 * tells nobody: requests are stored and decided on, and nothing drives them (the workflow part
 * replaces this bean with Temporal's signals).
 */
@Configuration(proxyBeanMethods = false)
class RequestSignalsConfiguration {

    @Bean
    RequestSignals requestSignals() {
        return RequestSignals.NONE;
    }
}
