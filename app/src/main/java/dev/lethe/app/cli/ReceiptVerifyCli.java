package dev.lethe.app.cli;

import dev.lethe.workflows.receipt.ReceiptVerifier;
import dev.lethe.workflows.receipt.ReceiptVerifier.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lethe receipt verify FILE --public-key PEM}: checks an erasure receipt offline, with the
 * audit signing key's public half alone (no database, no secret): the receipt's canonical form must
 * hash to the SHA-256 it states and the Ed25519 signature must verify. Prints one JSON line. That the
 * audit chain commits to the receipt (its {@code request.receipt.issued} entry carries the hash) is
 * what {@code ./lethe audit verify} and the audit trail show.
 *
 * <p>Exit codes: 0 valid; 1 changed, or not signed by that key; 2 the check could not run (usage, an
 * unreadable file or key).
 */
public final class ReceiptVerifyCli {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int CANNOT_RUN = 2;

    private static final String USAGE = "Usage: ./lethe receipt verify FILE --public-key PEM";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReceiptVerifyCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String keyFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length) {
                keyFile = args[++i];
            } else if (!args[i].startsWith("--") && file == null) {
                file = args[i];
            } else {
                err.println("lethe receipt verify: unexpected '" + args[i] + "'. " + USAGE);
                return CANNOT_RUN;
            }
        }
        if (file == null || keyFile == null) {
            err.println("lethe receipt verify: a receipt file and --public-key are needed. " + USAGE);
            return CANNOT_RUN;
        }
        String document;
        PublicKey key;
        try {
            document = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("lethe receipt verify: cannot read the receipt " + file + " ("
                    + e.getClass().getSimpleName() + ")");
            return CANNOT_RUN;
        }
        try {
            key = ReceiptVerifier.publicKey(Files.readAllBytes(Path.of(keyFile)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("lethe receipt verify: " + keyFile + " is not a readable Ed25519 public key (PEM or DER)");
            return CANNOT_RUN;
        }
        Verification verification = ReceiptVerifier.verify(document, key);
        var line = new LinkedHashMap<String, Object>();
        line.put("receipt", file);
        line.put("valid", verification.valid());
        line.put("keyId", verification.keyId());
        line.put("sha256", verification.sha256());
        if (!verification.valid()) {
            line.put("problem", verification.problem());
        }
        out.println(JSON.writeValueAsString(line));
        return verification.valid() ? VALID : INVALID;
    }
}
