package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.PageMatrix;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The authorization matrices are complete: every API endpoint the application serves has a row in
 * {@link AuthorizationMatrixIT}, every role-guarded page (a {@link WebPage} controller that is not an
 * {@link OpenPage}) a row in the {@link PageMatrix} files, and every row names an endpoint that exists.
 * Adding an endpoint without deciding who may call it fails here. A row covers the endpoint Spring would
 * route it to: the most specific pattern that matches its path.
 */
class EveryEndpointHasARowIT extends AppIntegrationTest {

    /** Endpoints whose credential is a token in the path: tested on their own in AuthorizationMatrixIT. */
    private static final Set<String> TESTED_ON_THEIR_OWN =
            Set.of("POST /api/v1/callbacks/{token}", "GET /api/v1/packages/{token}");

    /** One method and path pattern the application serves, and the controller serving it. */
    record Endpoint(String method, PathPattern pattern, Class<?> controller) {

        boolean isApi() {
            return pattern.getPatternString().startsWith("/api/");
        }

        boolean isGuardedPage() {
            return controller.isAnnotationPresent(WebPage.class) && !controller.isAnnotationPresent(OpenPage.class);
        }

        @Override
        public String toString() {
            return method + " " + pattern.getPatternString();
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<Endpoint> endpoints() {
        return mappings.getHandlerMethods().entrySet().stream()
                .flatMap(mapping -> {
                    HandlerMethod handler = mapping.getValue();
                    var methods = mapping.getKey().getMethodsCondition().getMethods();
                    List<String> names = methods.isEmpty()
                            ? List.of("GET")
                            : methods.stream().map(Enum::name).toList();
                    var patterns = mapping.getKey().getPathPatternsCondition();
                    Set<PathPattern> all = patterns == null ? Set.of() : patterns.getPatterns();
                    return all.stream()
                            .flatMap(pattern ->
                                    names.stream().map(method -> new Endpoint(method, pattern, handler.getBeanType())));
                })
                .toList();
    }

    /** The endpoint Spring routes the request to, if any. */
    private static Optional<Endpoint> routed(List<Endpoint> endpoints, String method, String pathAndQuery) {
        PathContainer path = PathContainer.parsePath(pathAndQuery.split("\\?", 2)[0]);
        return endpoints.stream()
                .filter(endpoint ->
                        endpoint.method().equals(method) && endpoint.pattern().matches(path))
                .min(Comparator.comparing(Endpoint::pattern, PathPattern.SPECIFICITY_COMPARATOR));
    }

    private static Stream<String[]> apiRows() {
        return Stream.of(AuthorizationMatrixIT.MATRIX).map(row -> new String[] {row.method(), row.path()});
    }

    private static Stream<String[]> pageRows() {
        return PageMatrix.rows().stream().map(row -> new String[] {row.method(), row.concretePath()});
    }

    @Test
    void everyApiEndpointHasARowInTheApiMatrix() {
        List<Endpoint> endpoints = endpoints();
        Set<Endpoint> covered = apiRows()
                .flatMap(row -> routed(endpoints, row[0], row[1]).stream())
                .collect(Collectors.toSet());

        List<String> missing = endpoints.stream()
                .filter(Endpoint::isApi)
                .filter(endpoint -> !covered.contains(endpoint))
                .map(Endpoint::toString)
                .filter(endpoint -> !TESTED_ON_THEIR_OWN.contains(endpoint))
                .sorted()
                .toList();

        assertThat(endpoints).as("the application's endpoints were found").anyMatch(Endpoint::isApi);
        assertThat(missing)
                .as("API endpoints without a row in AuthorizationMatrixIT.MATRIX")
                .isEmpty();
    }

    @Test
    void everyPageHasARowInThePageMatrix() {
        List<Endpoint> endpoints = endpoints();
        Set<Endpoint> covered = pageRows()
                .flatMap(row -> routed(endpoints, row[0], row[1]).stream())
                .collect(Collectors.toSet());

        List<String> missing = endpoints.stream()
                .filter(Endpoint::isGuardedPage)
                .filter(endpoint -> !covered.contains(endpoint))
                .map(Endpoint::toString)
                .sorted()
                .toList();

        assertThat(missing)
                .as("pages without a row in src/test/resources/page-matrix/")
                .isEmpty();
    }

    @Test
    void everyRowNamesAnEndpointThatExists() {
        List<Endpoint> endpoints = endpoints();

        List<String> stale = Stream.concat(apiRows(), pageRows())
                .filter(row -> routed(endpoints, row[0], row[1]).isEmpty())
                .map(row -> row[0] + " " + row[1])
                .toList();

        assertThat(stale).as("matrix rows that no endpoint serves").isEmpty();
    }
}
