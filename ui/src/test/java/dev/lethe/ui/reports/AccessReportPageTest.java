package dev.lethe.ui.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's CSV cells: quoted where CSV needs it, and never a formula when a spreadsheet opens them. */
class AccessReportPageTest {

    @Test
    void aCellThatASpreadsheetWouldRunIsDefused() {
        assertThat(AccessReportPage.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AccessReportPage.cell("+1")).isEqualTo("'+1");
        assertThat(AccessReportPage.cell("-2")).isEqualTo("'-2");
        assertThat(AccessReportPage.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void aCellWithACommaQuoteOrLineBreakIsQuoted() {
        assertThat(AccessReportPage.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AccessReportPage.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(AccessReportPage.cell("plain")).isEqualTo("plain");
        assertThat(AccessReportPage.cell(null)).isEmpty();
    }
}
