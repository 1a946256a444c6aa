package dev.lethe.app.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.lethe.ui.limits.BoundedRegex;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No caller can hand Lethe a regular expression (a catastrophic-backtracking pattern would tie up a
 * thread): every {@link Pattern} is compiled once, from a constant, in a static initializer. A pattern
 * compiled anywhere else could come from a request, a record or a setting, and fails here; such a
 * pattern must be length-capped and matched with a step-bounded input (docs/security.md#limits)
 * before this rule makes room for it: {@link BoundedRegex} is that place (an operator's identity patterns on
 * the portal), and the only one.
 */
class NoCallerRegexTest {

    private static final Set<String> COMPILING = Set.of("compile", "matches");

    private static final JavaClasses LETHE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lethe");

    private static final ArchCondition<JavaClass> COMPILE_PATTERNS_ONLY_IN_STATIC_INITIALIZERS =
            new ArchCondition<>("compile patterns only in static initializers") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                        boolean compiles = call.getTargetOwner().isEquivalentTo(Pattern.class)
                                && COMPILING.contains(call.getName());
                        boolean bounded = call.getOriginOwner().isEquivalentTo(BoundedRegex.class);
                        if (compiles && !bounded && !(call.getOrigin() instanceof JavaStaticInitializer)) {
                            events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                        }
                    }
                }
            };

    @Test
    void patternsAreCompiledOnlyFromConstantsInStaticInitializers() {
        classes().should(COMPILE_PATTERNS_ONLY_IN_STATIC_INITIALIZERS).check(LETHE);
    }

    /** What the rule is there to catch: a pattern that arrives as an argument. */
    static final class CallerPattern {
        boolean matches(String regex, String text) {
            return Pattern.compile(regex).matcher(text).matches();
        }
    }

    @Test
    void aPatternCompiledFromAnArgumentIsFound() {
        JavaClasses offender = new ClassFileImporter().importClasses(CallerPattern.class);

        assertThatThrownBy(() -> classes()
                        .should(COMPILE_PATTERNS_ONLY_IN_STATIC_INITIALIZERS)
                        .check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CallerPattern.matches");
    }

    @Test
    void aBoundedPatternGivesUpOnCatastrophicBacktrackingInsteadOfTyingUpTheThread() {
        BoundedRegex catastrophic = BoundedRegex.compile("(a+)+b");

        assertThat(catastrophic.matches("a".repeat(64))).isFalse();
        assertThat(catastrophic.matches("aaab")).isTrue();
        assertThatThrownBy(() -> BoundedRegex.compile("a".repeat(BoundedRegex.MAX_PATTERN_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
