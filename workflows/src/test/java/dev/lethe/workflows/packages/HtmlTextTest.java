package dev.lethe.workflows.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void markupInAValueIsShownNotRun() {
        assertThat(HtmlText.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void nullIsEmptyAndOtherValuesAreTheirText() {
        assertThat(HtmlText.escape(null)).isEmpty();
        assertThat(HtmlText.escape(12)).isEqualTo("12");
    }
}
