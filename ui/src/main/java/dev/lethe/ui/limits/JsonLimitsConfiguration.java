package dev.lethe.ui.limits;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JSON mapper (the one Spring MVC reads request bodies with) reads within
 * {@link JsonLimitsProperties}: Spring Boot's own builder, customized as usual, on a JSON factory
 * with those constraints. A body beyond them is answered by {@link JsonLimitProblems}.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration implements WebMvcConfigurer {

    private final JsonLimitsProperties limits;

    JsonLimitsConfiguration(JsonLimitsProperties limits) {
        this.limits = limits;
    }

    /** Takes the place of Spring Boot's builder (which backs off for any other one). */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder constrainedJsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits.constraints())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /** Before every controller advice: some map any unreadable body to a problem of their own. */
    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(new JsonLimitProblems(limits));
    }
}
