package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import java.util.List;

/** What a step of signing in came to. */
public sealed interface SignInOutcome {

    /** Refused, with what to tell the person (never which part was wrong, for the password step). */
    record Refused(String message) implements SignInOutcome {}

    /** The password was right; a code of the second factor is next. */
    record SecondFactorNeeded(PendingSignIn pending) implements SignInOutcome {}

    /** The password was right; the person has no second factor yet and enrols one next. */
    record EnrolmentNeeded(PendingSignIn pending) implements SignInOutcome {}

    /** Signed in. {@code recoveryCodes} are shown once, right after enrolment; empty otherwise. */
    record SignedIn(Account account, List<String> recoveryCodes) implements SignInOutcome {

        public SignedIn {
            recoveryCodes = List.copyOf(recoveryCodes);
        }
    }
}
