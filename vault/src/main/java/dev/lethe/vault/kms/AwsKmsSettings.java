package dev.lethe.vault.kms;

import java.net.URI;

/**
 * How to reach an AWS KMS key ({@code lethe.vault.kms.aws.*}). Credentials come from the SDK's default
 * chain (environment, profile, instance or task role), never from Lethe's configuration.
 *
 * @param keyId key id, ARN or alias ARN of a symmetric encryption key ({@code .key-id})
 * @param region e.g. {@code eu-central-1} ({@code .region})
 * @param endpoint an endpoint override (VPC endpoint, a KMS-compatible service), or null ({@code
 *     .endpoint})
 */
public record AwsKmsSettings(String keyId, String region, URI endpoint) {
    public AwsKmsSettings {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("lethe.vault.kms.aws.key-id is required");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("lethe.vault.kms.aws.region is required");
        }
    }
}
