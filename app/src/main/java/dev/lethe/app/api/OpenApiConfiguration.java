package dev.lethe.app.api;

import dev.lethe.ui.security.AddressRateLimit;
import dev.lethe.ui.security.SecurityHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The REST API's OpenAPI description, generated from the controllers: {@code /v3/api-docs}
 * (JSON) and {@code /swagger-ui.html}. Every operation takes either an API key or a JWT access
 * token of the configured issuer as a bearer token, and says which problem responses it may give
 * ({@link ProblemResponsesCustomizer}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String JWT = "jwt";

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
                                        .description("An API key: Authorization: Bearer <key>"))
                        .addSecuritySchemes(
                                JWT,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of the configured issuer (lethe.security.jwt.*), "
                                                + "RS256 or ES256: Authorization: Bearer <token>")))
                // Two requirements: either scheme is enough.
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(JWT));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponsesCustomizer();
    }

    /**
     * The description is public, as API references are: a chain of its own ahead of the web chain,
     * which asks people to sign in, and of the API chain, which asks for a bearer credential.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiDescriptionSecurity(HttpSecurity http, AddressRateLimit addressLimit) throws Exception {
        // Generating the description is the costliest anonymous answer: counted per address (3.26).
        return addressLimit
                .applyTo(http)
                .securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders.with(SecurityHeaders.API_DESCRIPTION_POLICY))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
