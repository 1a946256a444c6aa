package dev.lethe.vault.audit;

import dev.lethe.vault.TokenKind;

/**
 * How many tokens of one kind and category a detokenization call touched, and what became of them.
 *
 * @param kind the token kind
 * @param category the category name
 * @param revealed values returned
 * @param erased tokens whose subject was erased
 */
public record TokenAccess(TokenKind kind, String category, int revealed, int erased) {}
