package dev.lethe.connectors.elasticsearch;

import dev.lethe.classifier.Finding;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each field strategy leaves in place of a value, and the recognition of a value that is
 * erased already (so a second run, and verification, leave it alone).
 */
final class ErasedValues {

    private final ConnectorRuntime runtime;
    private final OperationContext context;
    private final Identities subject;

    ErasedValues(ConnectorRuntime runtime, OperationContext context, Identities subject) {
        this.runtime = runtime;
        this.context = context;
        this.subject = subject;
    }

    /** The value a rule leaves in place of {@code value}; the value itself when it is erased already. */
    Object erased(ErasureRule rule, Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return switch (rule.strategy()) {
            case NULL -> null;
            case MASK -> ErasurePlan.MASK;
            case HASH ->
                runtime.protection().isProtected(text)
                        ? value
                        : runtime.protection().hash(context.tenant(), rule.category(), text);
            case TOKENIZE ->
                runtime.protection().isProtected(text)
                        ? value
                        : runtime.protection().tokenize(context.tenant(), subject, rule.category(), text);
            case REDACT_TEXT -> {
                String redacted = redacted(text);
                yield redacted.equals(text) ? value : redacted;
            }
            case RETAIN, DELETE_ROW -> value;
        };
    }

    /** The text with each finding replaced by its type in brackets, e.g. {@code [EMAIL_ADDRESS]}. */
    private String redacted(String text) {
        List<Finding> findings = new ArrayList<>(runtime.classifier().scanText(text));
        findings.sort(Comparator.comparingInt(Finding::start).reversed());
        StringBuilder redacted = new StringBuilder(text);
        for (Finding finding : findings) {
            redacted.replace(finding.start(), finding.end(), "[" + finding.type() + "]");
        }
        return redacted.toString();
    }
}
