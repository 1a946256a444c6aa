package dev.lethe.ui.security.session;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Session attributes as sealed JSON instead of Java serialization: Spring Session JDBC converts each
 * attribute with {@link SessionAttributeSeal} (never a Java deserializer), and every session it finds
 * goes through {@link SealedSessionRepository}, which refuses one whose attributes do not open.
 */
@Configuration(proxyBeanMethods = false)
class SealedSessionConfiguration {

    @Bean
    SessionAttributeSeal sessionAttributeSeal(SessionCookieKeys keys) {
        return SessionAttributeSeal.with(keys);
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sealedSessionAttributes(SessionAttributeSeal seal) {
        return repository -> {
            GenericConversionService conversion = new GenericConversionService();
            conversion.addConverter(Object.class, byte[].class, held -> sealed(seal, held));
            conversion.addConverter(byte[].class, Object.class, SealedSession.Read::new);
            repository.setConversionService(conversion);
            repository.setIndexResolver(SealedSessionConfiguration::principalName);
        };
    }

    /** Wraps Spring Session's repository, so that the session filter and everyone else use the sealed one. */
    @Bean
    static BeanPostProcessor sealedSessionRepository(ObjectProvider<SessionAttributeSeal> seal) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcIndexedSessionRepository jdbc) {
                    FindByIndexNameSessionRepository<?> sessions = jdbc;
                    return sealing(sessions, seal.getObject());
                }
                return bean;
            }
        };
    }

    private static <S extends Session> SealedSessionRepository<S> sealing(
            FindByIndexNameSessionRepository<S> sessions, SessionAttributeSeal seal) {
        return new SealedSessionRepository<>(sessions, seal);
    }

    private static byte[] sealed(SessionAttributeSeal seal, Object held) {
        if (held instanceof SealedSession.Written written) {
            return seal.seal(written.session().getId(), written.name(), written.value());
        }
        if (held instanceof SealedSession.Read read) {
            return read.sealed();
        }
        throw new IllegalStateException("a session attribute reached the store unsealed: "
                + held.getClass().getName());
    }

    /** Spring Session's principal-name index, read through the sealed values. */
    private static Map<String, String> principalName(Session session) {
        if (opened(session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME))
                instanceof String name) {
            return Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, name);
        }
        if (opened(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                        instanceof SecurityContext context
                && context.getAuthentication() != null) {
            return Map.of(
                    FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                    context.getAuthentication().getName());
        }
        return Map.of();
    }

    private static Object opened(Object held) {
        if (held instanceof SealedSession.Written written) {
            return written.value();
        }
        return held instanceof SealedSession.Read read ? read.value() : null;
    }
}
