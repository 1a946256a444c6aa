package dev.lethe.vault.kms;

import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.RotateKeyOnDemandRequest;

/**
 * KEK in AWS KMS (optional: the application must add {@code software.amazon.awssdk:kms} and {@code
 * url-connection-client} to use it). Associated data travels as the KMS encryption context.
 *
 * <p>AWS keeps every backing key of a KMS key and picks the right one from the ciphertext, so there is
 * a single logical version ({@code 1}): {@link #rotate()} asks for on-demand rotation of the backing key,
 * nothing needs re-wrapping, and nothing can be retired from here. Thread-safe (the SDK client is).
 */
public final class AwsKms implements Kms {
    static final int VERSION = 1;
    private static final String CONTEXT_KEY = "lethe:binding";

    private final KmsClient client;
    private final String keyId;

    public AwsKms(KmsClient client, String keyId) {
        this.client = client;
        this.keyId = keyId;
    }

    /** A client over the JDK's HTTP stack with the default credentials chain. */
    public static AwsKms create(AwsKmsSettings settings) {
        KmsClientBuilder builder = KmsClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new AwsKms(builder.build(), settings.keyId());
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public WrappedDek wrap(byte[] dataKey, byte[] associatedData) {
        EncryptRequest request = EncryptRequest.builder()
                .keyId(keyId)
                .plaintext(SdkBytes.fromByteArray(dataKey))
                .encryptionContext(context(associatedData))
                .build();
        byte[] ciphertext =
                call("encrypt", () -> client.encrypt(request).ciphertextBlob().asByteArray());
        return new WrappedDek(VERSION, ciphertext);
    }

    @Override
    public byte[] unwrap(WrappedDek wrapped, byte[] associatedData) {
        DecryptRequest request = DecryptRequest.builder()
                .keyId(keyId)
                .ciphertextBlob(SdkBytes.fromByteArray(wrapped.ciphertext()))
                .encryptionContext(context(associatedData))
                .build();
        return call("decrypt", () -> client.decrypt(request).plaintext().asByteArray());
    }

    @Override
    public int primaryVersion() {
        return VERSION;
    }

    @Override
    public SortedSet<Integer> activeVersions() {
        return new TreeSet<>(Set.of(VERSION));
    }

    @Override
    public int rotate() {
        call(
                "rotate",
                () -> client.rotateKeyOnDemand(
                        RotateKeyOnDemandRequest.builder().keyId(keyId).build()));
        return VERSION;
    }

    @Override
    public void retire(int version) {
        throw new IllegalArgumentException("AWS KMS retires backing keys itself; there is nothing to retire");
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of(CONTEXT_KEY, Base64.getEncoder().encodeToString(associatedData));
    }

    /** Classifies SDK failures once: network and throttling/5xx are retriable, the rest is not. */
    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            boolean retriable = e.isThrottlingException() || e.statusCode() >= 500;
            String code = e.awsErrorDetails() == null
                    ? "unknown"
                    : e.awsErrorDetails().errorCode();
            throw new KmsException("AWS KMS " + operation + " failed: " + code, retriable, e);
        } catch (SdkClientException e) {
            throw new KmsException("AWS KMS " + operation + " could not be reached", true, e);
        }
    }
}
