package dev.lethe.ui.shell;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.LetheAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces {@link PageAccess} on every {@link WebPage} controller: the signed-in person needs one of
 * the roles the annotation names for the request's method, or gets the 403 page. A {@link WebPage}
 * controller with neither {@link PageAccess} nor {@link OpenPage} is refused outright, so a page cannot
 * be added open by forgetting it.
 */
@Configuration(proxyBeanMethods = false)
class PageAccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().isAnnotationPresent(WebPage.class)
                || method.getBeanType().isAnnotationPresent(OpenPage.class)) {
            return true;
        }
        PageAccess access = method.getMethodAnnotation(PageAccess.class);
        if (access == null) {
            access = method.getBeanType().getAnnotation(PageAccess.class);
        }
        Role[] allowed =
                access == null ? new Role[0] : READS.contains(request.getMethod()) ? access.read() : access.write();
        if (SecurityContextHolder.getContext().getAuthentication() instanceof LetheAuthentication person
                && Arrays.stream(allowed).anyMatch(person.roles()::contains)) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
        return false;
    }
}
