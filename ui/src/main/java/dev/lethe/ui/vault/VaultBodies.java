package dev.lethe.ui.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.Tokenized;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/**
 * Request and response bodies of the vault API. Values, tokens and subject ids travel only here, never in
 * URLs; {@code toString()} of bodies that hold them leaves them out, since bodies can reach logs.
 */
final class VaultBodies {

    static final int MAX_ID = 256;
    static final String PURPOSE = "[a-z0-9][a-z0-9._:-]{0,63}";

    private VaultBodies() {}

    /** {@code subject} absent: a value without an identifiable subject (tenant key, never shredded). */
    record TokenizeBody(
            @Size(max = MAX_ID) String subject,
            @NotBlank @Size(max = 100) String category,
            @NotBlank @Size(max = 32) String kind,
            @NotNull String value) {

        TokenKind tokenKind(String field) {
            try {
                return TokenKind.valueOf(kind.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, "unknown token kind; one of " + List.of(TokenKind.values()));
            }
        }

        @Override
        public String toString() {
            return "TokenizeBody[category=" + category + ", kind=" + kind + "]";
        }
    }

    record TokenizeBatchBody(@NotEmpty List<@Valid @NotNull TokenizeBody> items) {}

    /** {@code token} is null for {@code REDACT}. */
    record TokenView(String kind, String token) {
        static TokenView of(Tokenized tokenized) {
            return new TokenView(tokenized.kind().name(), tokenized.token());
        }
    }

    record TokenBatchView(List<TokenView> tokens) {}

    /**
     * @param purpose why the value is needed, recorded in the audit trail (e.g. {@code dsar-export})
     * @param requestId the caller's request (e.g. a DSAR id), recorded; generated when absent
     * @param subject and {@code category}: only for format-preserving tokens, which carry no key reference
     */
    record DetokenizeBody(
            @NotBlank @Size(max = 4096) String token,
            @NotBlank @Pattern(regexp = PURPOSE) String purpose,
            @Size(max = MAX_ID) String requestId,
            @Size(max = MAX_ID) String subject,
            @Size(max = 100) String category) {

        TokenRef ref() {
            return new TokenRef(token, subject, category);
        }

        @Override
        public String toString() {
            return "DetokenizeBody[purpose=" + purpose + ", requestId=" + requestId + "]";
        }
    }

    record TokenRefBody(
            @NotBlank @Size(max = 4096) String token,
            @Size(max = MAX_ID) String subject,
            @Size(max = 100) String category) {

        TokenRef ref() {
            return new TokenRef(token, subject, category);
        }

        @Override
        public String toString() {
            return "TokenRefBody[category=" + category + "]";
        }
    }

    record DetokenizeBatchBody(
            @NotBlank @Pattern(regexp = PURPOSE) String purpose,
            @Size(max = MAX_ID) String requestId,
            @NotEmpty List<@Valid @NotNull TokenRefBody> tokens) {}

    record ValueView(String value) {
        @Override
        public String toString() {
            return "ValueView[value hidden]";
        }
    }

    /** One token of a batch: {@code REVEALED} with a value, {@code ERASED}, or {@code REJECTED} with a reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutcomeView(String status, String value, String field, String reason) {
        static OutcomeView of(DetokenizeOutcome outcome) {
            return switch (outcome) {
                case DetokenizeOutcome.Revealed r -> new OutcomeView("REVEALED", r.value(), null, null);
                case DetokenizeOutcome.Erased e -> new OutcomeView("ERASED", null, null, null);
                case DetokenizeOutcome.Rejected r -> new OutcomeView("REJECTED", null, r.field(), r.reason());
            };
        }

        @Override
        public String toString() {
            return "OutcomeView[status=" + status + "]";
        }
    }

    record OutcomeBatchView(List<OutcomeView> results) {}

    record ShredBody(
            @NotBlank @Size(max = MAX_ID) String subject,
            @Size(max = MAX_ID) String requestId) {
        @Override
        public String toString() {
            return "ShredBody[requestId=" + requestId + "]";
        }
    }
}
