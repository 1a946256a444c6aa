package dev.lethe.app.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No caller can hand Lethe a regular expression (a catastrophic-backtracking pattern would tie up a
 * thread): every {@link Pattern} is compiled once, from a constant, in a static initializer. A pattern
 * compiled anywhere else could come from a request, a record or a setting, and fails here; such a
 * pattern must be length-capped and matched with a step-bounded input (docs/security.md#limits)
 * before this rule makes room for it.
 */
class NoCallerRegexTest {

    private static final JavaClasses LETHE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lethe");

    @Test
    void patternsAreCompiledOnlyFromConstantsInStaticInitializers() {
        noCodeUnits()
                .that(new DescribedPredicate<JavaCodeUnit>("are not static initializers") {
                    @Override
                    public boolean test(JavaCodeUnit unit) {
                        return !(unit instanceof JavaStaticInitializer);
                    }
                })
                .should()
                .callMethod(Pattern.class, "compile", String.class)
                .orShould()
                .callMethod(Pattern.class, "compile", String.class, int.class)
                .orShould()
                .callMethod(Pattern.class, "matches", String.class, CharSequence.class)
                .check(LETHE);
    }
}
