package dev.lethe.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.objenesis.ObjenesisStd;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the problem mapping of API bodies (docs/security.md#fuzzing): arbitrary bytes, with a marker
 * put in at a fuzzer-chosen place, are read as the body of every {@code @RequestBody} of the ui module's
 * REST controllers, by Spring's JSON converter over the application's own Jackson configuration (Spring
 * Boot's auto-configured {@link JsonMapper}); a body that can't be read goes to the exception handler
 * Spring MVC would pick (the controller's own, then the applicable advice by order, then Boot's
 * RFC 9457 default). Properties: reading throws nothing but {@link HttpMessageNotReadableException}; the
 * handler answers with a problem of status 4xx and a detail; no part of the problem holds the marker,
 * so no problem quotes the body.
 */
class ProblemMappingFuzzTest {

    /** Never in a message of the code under test. */
    static final String CANARY = "zqxj7";

    private static final JacksonJsonHttpMessageConverter CONVERTER =
            new JacksonJsonHttpMessageConverter(applicationMapper());
    private static final List<Class<?>> ADVICE = advice();
    private static final List<Endpoint> ENDPOINTS = endpoints();

    /** One {@code @RequestBody} parameter of a REST controller. */
    record Endpoint(Class<?> controller, MethodParameter body, boolean required) {}

    static Stream<Arguments> unreadableBodiesBecomeProblemsThatQuoteNothing() {
        return Stream.of(
                arguments(0, 12, utf8("{\"type\":\"ERASURE\",\"identities\":{\"email\":\"ana@example.com\"}}")),
                arguments(1, 9, utf8("{\"name\":\"x\",\"code\":\"contact.fax\",\"kind\":\"NOPE\"}")),
                arguments(2, 1, utf8("[1,2,{\"a\":-1e999999}]")),
                arguments(3, 30, utf8("{\"values\":[\"a\",\"b\"],\"category\":\"contact.email\",\"kind\":7}")),
                arguments(
                        4, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', (byte) 0xC3, '"', ':', '}'}),
                arguments(
                        5, 3, utf8("{\"retainPeriod\":\"P-1D\",\"retainUntil\":\"2026-13-40\",\"datasetId\":\"x\"}")));
    }

    @MethodSource
    @FuzzTest
    void unreadableBodiesBecomeProblemsThatQuoteNothing(int which, int canaryAt, byte[] body) throws Exception {
        if (body == null) {
            return;
        }
        Endpoint endpoint = ENDPOINTS.get(Math.floorMod(which, ENDPOINTS.size()));
        int at = Math.floorMod(canaryAt, body.length + 1);
        var marked = new ByteArrayOutputStream();
        marked.write(body, 0, at);
        marked.write(utf8(CANARY));
        marked.write(body, at, body.length - at);

        HttpMessageNotReadableException unreadable;
        try {
            read(endpoint, marked.toByteArray());
            return;
        } catch (HttpMessageNotReadableException e) {
            unreadable = e;
        } catch (Throwable e) {
            throw new AssertionError(
                    "Reading a body for " + endpoint.body().getMethod() + " threw "
                            + e.getClass().getName(),
                    e);
        }

        ProblemDetail problem = handle(endpoint, unreadable);
        assertThat(problem)
                .as("the problem for %s", endpoint.body().getMethod())
                .isNotNull();
        assertThat(HttpStatusCode.valueOf(problem.getStatus()).is4xxClientError())
                .isTrue();
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(String.valueOf(problem.getDetail())
                        + problem.getTitle()
                        + problem.getType()
                        + problem.getProperties())
                .as("the problem for %s", endpoint.body().getMethod())
                .doesNotContain(CANARY);
    }

    private static Object read(Endpoint endpoint, byte[] body) throws Exception {
        if (body.length == 0) {
            if (endpoint.required()) {
                // What RequestResponseBodyMethodProcessor throws for an empty required body.
                throw new HttpMessageNotReadableException(
                        "Required request body is missing: " + endpoint.body().getExecutable(),
                        new MockHttpInputMessage(body));
            }
            return null;
        }
        var input = new MockHttpInputMessage(body);
        input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return CONVERTER.read(ResolvableType.forMethodParameter(endpoint.body()), input, null);
    }

    /** The exception handler Spring MVC would pick, and what it answers. */
    private static ProblemDetail handle(Endpoint endpoint, Exception e) throws Exception {
        List<Class<?>> candidates = new ArrayList<>();
        candidates.add(endpoint.controller());
        ADVICE.stream().filter(advice -> applies(advice, endpoint.controller())).forEach(candidates::add);
        for (Class<?> type : candidates) {
            Method handler = new ExceptionHandlerMethodResolver(type).resolveMethod(e);
            if (handler != null) {
                return problemOf(invoke(type, handler, e));
            }
        }
        var request = new ServletWebRequest(new MockHttpServletRequest(), new MockHttpServletResponse());
        return problemOf(new ResponseEntityExceptionHandler() {}.handleException(e, request));
    }

    private static Object invoke(Class<?> type, Method handler, Exception e) throws Exception {
        Object target = new ObjenesisStd().newInstance(type);
        Object[] args = Arrays.stream(handler.getParameterTypes())
                .map(parameter -> parameter.isInstance(e)
                        ? e
                        : WebRequest.class.isAssignableFrom(parameter)
                                ? new ServletWebRequest(new MockHttpServletRequest())
                                : parameter.isAssignableFrom(MockHttpServletRequest.class)
                                        ? new MockHttpServletRequest()
                                        : parameter.isAssignableFrom(MockHttpServletResponse.class)
                                                ? new MockHttpServletResponse()
                                                : null)
                .toArray();
        handler.setAccessible(true);
        try {
            return handler.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            return fail("The handler " + handler + " threw " + thrown.getCause(), thrown.getCause());
        }
    }

    private static ProblemDetail problemOf(Object answer) {
        if (answer instanceof ResponseEntity<?> entity) {
            answer = entity.getBody();
        }
        if (answer instanceof org.springframework.web.ErrorResponse error) {
            answer = error.getBody();
        }
        return answer instanceof ProblemDetail problem ? problem : null;
    }

    private static boolean applies(Class<?> advice, Class<?> controller) {
        ControllerAdvice annotation = AnnotatedElementUtils.findMergedAnnotation(advice, ControllerAdvice.class);
        return HandlerTypePredicate.builder()
                .basePackage(annotation.basePackages())
                .basePackageClass(annotation.basePackageClasses())
                .assignableType(annotation.assignableTypes())
                .annotation(annotation.annotations())
                .build()
                .test(controller);
    }

    private static List<Class<?>> advice() {
        return scan(ControllerAdvice.class).stream()
                .sorted(Comparator.comparingInt(type -> OrderUtils.getOrder(type, Integer.MAX_VALUE)))
                .toList();
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> controller : scan(RestController.class)) {
            for (Method method : controller.getDeclaredMethods()) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    RequestBody body = method.getParameters()[i].getAnnotation(RequestBody.class);
                    if (body != null) {
                        endpoints.add(new Endpoint(controller, new MethodParameter(method, i), body.required()));
                    }
                }
            }
        }
        endpoints.sort(
                Comparator.comparing(endpoint -> endpoint.body().getMethod().toGenericString()));
        assertThat(endpoints).as("the ui module's request bodies").hasSizeGreaterThan(20);
        return endpoints;
    }

    private static List<Class<?>> scan(Class<? extends java.lang.annotation.Annotation> annotation) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        return scanner.findCandidateComponents("dev.lethe.ui").stream()
                .<Class<?>>map(bean -> ClassUtils.resolveClassName(bean.getBeanClassName(), null))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** The JsonMapper the application's converters use: Spring Boot's, as auto-configured. */
    private static JsonMapper applicationMapper() {
        JsonMapper[] mapper = new JsonMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper[0] = context.getBean(JsonMapper.class));
        return mapper[0];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
