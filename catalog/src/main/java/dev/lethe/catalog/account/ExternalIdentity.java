package dev.lethe.catalog.account;

import java.util.Objects;

/** Who a person is at an external identity provider (OIDC): its issuer and their subject there. */
public record ExternalIdentity(String issuer, String subject) {

    public ExternalIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
    }
}
