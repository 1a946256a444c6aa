package dev.lethe.vault;

/** What became of one token in a batch detokenization. */
public sealed interface DetokenizeOutcome {

    /** The value. */
    record Revealed(String value) implements DetokenizeOutcome {
        @Override
        public String toString() {
            return "Revealed[value hidden]";
        }
    }

    /** The token's subject was erased: the value is gone for good. */
    record Erased() implements DetokenizeOutcome {}

    /** The token is malformed, tampered with, of another tenant, or not reversible. */
    record Rejected(String field, String reason) implements DetokenizeOutcome {}
}
