package dev.lethe.workflows.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void plainTextAndNumbersAreWrittenAsTheyAre() {
        assertThat(CsvCells.cell("Ada")).isEqualTo("Ada");
        assertThat(CsvCells.cell(-42)).isEqualTo("-42");
        assertThat(CsvCells.cell(true)).isEqualTo("true");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaStartWithAnApostrophe() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCells.cell("+1 555")).isEqualTo("'+1 555");
        assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\tcmd")).isEqualTo("'\tcmd");
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvCells.cell(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void aRowEndsWithCrLf() {
        assertThat(CsvCells.row(Arrays.asList("id", null, "x,y"))).isEqualTo("id,,\"x,y\"\r\n");
    }
}
