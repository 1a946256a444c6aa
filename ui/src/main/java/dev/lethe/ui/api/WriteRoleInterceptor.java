package dev.lethe.ui.api;

import dev.lethe.ui.security.LetheAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Enforces {@link WritableBy} on the catalog API's controllers. */
@Configuration(proxyBeanMethods = false)
class WriteRoleInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        WritableBy writableBy = method.getBeanType().getAnnotation(WritableBy.class);
        if (writableBy == null) {
            return true;
        }
        Set<dev.lethe.catalog.apikey.Role> allowed = Set.of(writableBy.value());
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof LetheAuthentication key)
                || key.roles().stream().noneMatch(allowed::contains)) {
            throw new Caller.ForbiddenException(allowed);
        }
        return true;
    }
}
