package dev.lethe.ui.security.session;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.signin.PendingSignIn;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.web.servlet.FlashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Session attributes as JSON, for a closed list of types — what sign-in, single sign-on, CSRF and
 * flash messages put in a session — each written and read field by field: no type name from the
 * database ever picks a class, and nothing is Java-deserialized. Anything else is not stored ({@link
 * #encode} says so). Pure and thread-safe.
 */
final class SessionAttributeCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The value as {@code {"type": …, "value": …}}, or empty when its type is not on the list. */
    Optional<byte[]> encode(Object value) {
        return encodeValue(value).map(encoded -> {
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("type", encoded.type());
            envelope.set("value", encoded.value());
            return JSON.writeValueAsBytes(envelope);
        });
    }

    /** The value {@link #encode} wrote; anything else is refused. */
    Object decode(byte[] json) {
        try {
            JsonNode envelope = JSON.readTree(json);
            JsonNode value = envelope.required("value");
            return switch (envelope.required("type").stringValue()) {
                case "string" -> text(value);
                case "instant" -> Instant.parse(text(value));
                case "pending-sign-in" -> pendingSignIn(value);
                case "security-context" -> securityContext(value);
                case "csrf-token" ->
                    new DefaultCsrfToken(text(value, "headerName"), text(value, "parameterName"), text(value, "token"));
                case "oauth2-authorization-request" -> authorizationRequest(value);
                case "saved-request" -> new SimpleSavedRequest(text(value, "redirectUrl"));
                case "flash-maps" -> flashMaps(value);
                default -> throw new SessionAttributeRefused("is of a type not on the list");
            };
        } catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new SessionAttributeRefused(
                    "is not what Lethe writes (" + e.getClass().getSimpleName() + ")");
        }
    }

    private record Encoded(String type, JsonNode value) {}

    private static Optional<Encoded> encodeValue(Object value) {
        if (value instanceof String text) {
            return Optional.of(new Encoded("string", JSON.getNodeFactory().stringNode(text)));
        }
        if (value instanceof Instant instant) {
            return Optional.of(new Encoded("instant", JSON.getNodeFactory().stringNode(instant.toString())));
        }
        if (value instanceof PendingSignIn pending) {
            ObjectNode node = JSON.createObjectNode();
            node.put("tenantId", pending.tenantId().toString());
            node.put("userId", pending.userId().toString());
            node.put("startedAt", pending.startedAt().toString());
            node.put("enrolling", pending.enrolling());
            return Optional.of(new Encoded("pending-sign-in", node));
        }
        if (value != null && value.getClass() == SecurityContextImpl.class) {
            return securityContext((SecurityContext) value).map(node -> new Encoded("security-context", node));
        }
        if (value instanceof DefaultCsrfToken token) {
            ObjectNode node = JSON.createObjectNode();
            node.put("headerName", token.getHeaderName());
            node.put("parameterName", token.getParameterName());
            node.put("token", token.getToken());
            return Optional.of(new Encoded("csrf-token", node));
        }
        if (value != null && value.getClass() == OAuth2AuthorizationRequest.class) {
            return authorizationRequest((OAuth2AuthorizationRequest) value)
                    .map(node -> new Encoded("oauth2-authorization-request", node));
        }
        if (value instanceof SavedRequest saved) {
            // Only where to go back to after sign-in is kept; that is all Lethe's sign-in uses of it.
            ObjectNode node = JSON.createObjectNode();
            node.put("redirectUrl", saved.getRedirectUrl());
            return Optional.of(new Encoded("saved-request", node));
        }
        if (value instanceof List<?> list && list.stream().allMatch(FlashMap.class::isInstance)) {
            return flashMaps(list).map(node -> new Encoded("flash-maps", node));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> securityContext(SecurityContext context) {
        ObjectNode node = JSON.createObjectNode();
        var authentication = context.getAuthentication();
        if (authentication == null) {
            node.putNull("authentication");
            return Optional.of(node);
        }
        if (!(authentication instanceof UserAuthentication person) || person.getDetails() != null) {
            return Optional.empty();
        }
        ObjectNode user = node.putObject("authentication");
        user.put("tenantId", person.tenantId().toString());
        user.put("userId", person.userId().toString());
        ArrayNode roles = user.putArray("roles");
        person.roles().stream().map(Role::name).sorted().forEach(roles::add);
        return Optional.of(node);
    }

    private static SecurityContext securityContext(JsonNode node) {
        JsonNode user = node.required("authentication");
        if (user.isNull()) {
            return new SecurityContextImpl();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode role : array(user, "roles")) {
            roles.add(Role.valueOf(role.stringValue()));
        }
        return new SecurityContextImpl(new UserAuthentication(uuid(user, "tenantId"), uuid(user, "userId"), roles));
    }

    private static PendingSignIn pendingSignIn(JsonNode node) {
        JsonNode enrolling = node.required("enrolling");
        if (!enrolling.isBoolean()) {
            throw new IllegalArgumentException("enrolling");
        }
        return new PendingSignIn(
                uuid(node, "tenantId"),
                uuid(node, "userId"),
                Instant.parse(text(node, "startedAt")),
                enrolling.booleanValue());
    }

    private static Optional<JsonNode> authorizationRequest(OAuth2AuthorizationRequest request) {
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(request.getGrantType())) {
            return Optional.empty();
        }
        Optional<ObjectNode> additional = strings(request.getAdditionalParameters());
        Optional<ObjectNode> attributes = strings(request.getAttributes());
        if (additional.isEmpty() || attributes.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("authorizationUri", request.getAuthorizationUri());
        node.put("clientId", request.getClientId());
        node.put("redirectUri", request.getRedirectUri());
        ArrayNode scopes = node.putArray("scopes");
        request.getScopes().stream().sorted().forEach(scopes::add);
        node.put("state", request.getState());
        node.set("additionalParameters", additional.get());
        node.set("attributes", attributes.get());
        node.put("authorizationRequestUri", request.getAuthorizationRequestUri());
        return Optional.of(node);
    }

    private static OAuth2AuthorizationRequest authorizationRequest(JsonNode node) {
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode scope : array(node, "scopes")) {
            scopes.add(scope.stringValue());
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(text(node, "authorizationUri"))
                .clientId(text(node, "clientId"))
                .redirectUri(text(node, "redirectUri"))
                .scopes(scopes)
                .state(text(node, "state"))
                .additionalParameters(strings(node.required("additionalParameters")))
                .attributes(strings(node.required("attributes")))
                .authorizationRequestUri(text(node, "authorizationRequestUri"))
                .build();
    }

    private static Optional<JsonNode> flashMaps(List<?> maps) {
        ArrayNode array = JSON.createArrayNode();
        for (Object element : maps) {
            FlashMap map = (FlashMap) element;
            Optional<ObjectNode> values = strings(map);
            if (values.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode node = array.addObject();
            node.put("targetRequestPath", map.getTargetRequestPath());
            ObjectNode params = node.putObject("targetRequestParams");
            map.getTargetRequestParams().forEach((name, list) -> {
                ArrayNode each = params.putArray(name);
                list.forEach(each::add);
            });
            node.put("expirationTime", map.getExpirationTime());
            node.set("values", values.get());
        }
        return Optional.of(array);
    }

    private static List<FlashMap> flashMaps(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("flash maps");
        }
        // The flash map manager adds to and removes from the list it reads: it must be mutable.
        List<FlashMap> maps = new CopyOnWriteArrayList<>();
        for (JsonNode node : array) {
            FlashMap map = new FlashMap();
            JsonNode path = node.required("targetRequestPath");
            map.setTargetRequestPath(path.isNull() ? null : path.stringValue());
            JsonNode params = node.required("targetRequestParams");
            for (String name : params.propertyNames()) {
                for (JsonNode value : array(params, name)) {
                    map.addTargetRequestParam(name, value.stringValue());
                }
            }
            map.setExpirationTime(node.required("expirationTime").longValue());
            map.putAll(strings(node.required("values")));
            maps.add(map);
        }
        return maps;
    }

    /** A map of text values as an object; empty when a value is anything but text. */
    private static Optional<ObjectNode> strings(Map<String, ?> map) {
        ObjectNode node = JSON.createObjectNode();
        for (var entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                return Optional.empty();
            }
            node.put(entry.getKey(), text);
        }
        return Optional.of(node);
    }

    private static Map<String, Object> strings(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("an object of text values");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            map.put(name, text(node, name));
        }
        return map;
    }

    private static List<JsonNode> array(JsonNode node, String field) {
        JsonNode array = node.required(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(field);
        }
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static String text(JsonNode node, String field) {
        return text(node.required(field));
    }

    private static String text(JsonNode value) {
        if (!value.isString()) {
            throw new IllegalArgumentException("text expected");
        }
        return value.stringValue();
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(text(node, field));
    }
}
