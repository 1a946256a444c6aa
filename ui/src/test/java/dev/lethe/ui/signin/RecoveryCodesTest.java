package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void generatesTenDistinctCodesOfSixteenBase32Characters() {
        List<String> codes = new RecoveryCodes().generate();

        assertThat(codes).hasSize(RecoveryCodes.COUNT);
        assertThat(new HashSet<>(codes)).hasSize(RecoveryCodes.COUNT);
        assertThat(codes).allMatch(code -> code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
    }

    @Test
    void takesACodeAsTypedButNeverATotpCode() {
        assertThat(RecoveryCodes.normalise(" abcd efgh-ijkl mnop ")).hasValue("ABCD-EFGH-IJKL-MNOP");
        assertThat(RecoveryCodes.normalise("ABCDEFGHIJKLMNOP")).hasValue("ABCD-EFGH-IJKL-MNOP");
        assertThat(RecoveryCodes.normalise("123456")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-IJKL-MNO1")).isEmpty();
        assertThat(RecoveryCodes.normalise(null)).isEmpty();
    }
}
