package dev.lethe.connectors.spi;

import dev.lethe.classifier.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each field strategy leaves in place of a value, and the recognition of a value that is
 * erased already (so a second run, and verification, leave it alone): the same for every connector,
 * so a subject's values are erased alike in every system. HASH and TOKENIZE go through the runtime's
 * vault, REDACT_TEXT through its classifier.
 */
public final class ErasedValues {

    /** What a preview puts where HASH or TOKENIZE would write: differs from every value, mints nothing. */
    private static final String WOULD_PROTECT = "\u0000would be protected";

    private final ConnectorRuntime runtime;
    private final OperationContext context;
    private final Identities subject;
    private final boolean dry;

    public ErasedValues(ConnectorRuntime runtime, OperationContext context, Identities subject) {
        this(runtime, context, subject, false);
    }

    private ErasedValues(ConnectorRuntime runtime, OperationContext context, Identities subject, boolean dry) {
        this.runtime = runtime;
        this.context = context;
        this.subject = subject;
        this.dry = dry;
    }

    /**
     * For a purge: TOKENIZE under the purge's own subject ({@link Purging#tokenSubject}), shredded when it
     * has finished.
     */
    public static ErasedValues forPurge(ConnectorRuntime runtime, OperationContext context) {
        return new ErasedValues(runtime, context, Purging.tokenSubject(context));
    }

    /**
     * For a preview: whether a value would change, without minting hashes or tokens (a preview changes
     * nothing, in the vault neither).
     */
    public static ErasedValues forPreview(ConnectorRuntime runtime, OperationContext context) {
        return new ErasedValues(runtime, context, null, true);
    }

    /**
     * The value a rule leaves in place of {@code value} (a string, number or boolean as the system
     * holds it); the same object when it is erased already or the rule keeps it.
     */
    public Object erased(ErasureRule rule, Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        String erased = erased(rule, text);
        return text.equals(erased) ? value : erased;
    }

    /** The text a rule leaves in place of {@code value}; {@code value} itself when it is erased already. */
    public String erased(ErasureRule rule, String value) {
        if (value == null) {
            return null;
        }
        String text = value;
        return switch (rule.strategy()) {
            case NULL -> null;
            case MASK -> ErasurePlan.MASK;
            case HASH ->
                runtime.protection().isProtected(text)
                        ? text
                        : dry ? WOULD_PROTECT : runtime.protection().hash(context.tenant(), rule.category(), text);
            case TOKENIZE ->
                runtime.protection().isProtected(text)
                        ? text
                        : dry
                                ? WOULD_PROTECT
                                : runtime.protection().tokenize(context.tenant(), subject, rule.category(), text);
            case REDACT_TEXT -> redacted(text);
            case RETAIN, DELETE_ROW -> text;
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
