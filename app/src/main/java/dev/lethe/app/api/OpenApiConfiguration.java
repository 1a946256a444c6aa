package dev.lethe.app.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI description, generated from the controllers: {@code /v3/api-docs}
 * (JSON) and {@code /swagger-ui.html}. Every operation takes an API key as a bearer token.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String API_KEY = "apiKey";

    @Bean
    OpenAPI letheOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Lethe API")
                        .version("v1")
                        .description("Privacy and compliance data platform. Errors are RFC 9457 problem "
                                + "documents (application/problem+json)."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API key: Authorization: Bearer <key>")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
