package dev.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The web tier lives in {@code ui}: the application only wires, so a controller or a problem handler
 * added under {@code dev.lethe.app} fails here (the annotations' meta-annotated kin, such as
 * {@code @RestController} and {@code @RestControllerAdvice}, included).
 */
class AppOnlyWiresTest {

    @Test
    void theApplicationHasNoControllersNorProblemHandlers() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(ControllerAdvice.class));

        List<String> found = scanner.findCandidateComponents("dev.lethe.app").stream()
                .map(bean -> bean.getBeanClassName())
                .toList();

        assertThat(found).isEmpty();
    }

    @Test
    void theScanFindsTheWebTiersControllers() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));

        assertThat(scanner.findCandidateComponents("dev.lethe.ui"))
                .as("the same scan over ui, so the first test cannot pass by finding nothing anywhere")
                .isNotEmpty();
    }
}
