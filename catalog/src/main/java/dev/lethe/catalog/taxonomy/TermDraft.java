package dev.lethe.catalog.taxonomy;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;

/** A tenant's own taxonomy term as written by a client; the kind comes from where it is written. */
public record TermDraft(
        String code, String parentCode, String name, String description, Boolean special, String legalBasis) {

    public TermDraft {
        code = Require.text(code, "code");
        if (!code.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
            throw new InvalidInputException("code must be dotted lower-case words, e.g. contact.fax");
        }
        parentCode = parentCode == null || parentCode.isBlank() ? null : parentCode.strip();
        name = Require.text(name, "name");
        description = Require.optional(description, "description");
        special = special != null && special;
    }

    LegalBasis basis() {
        return legalBasis == null ? null : Require.oneOf(LegalBasis.class, legalBasis, "legalBasis");
    }
}
