package dev.lethe.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WeeklyChartTest {

    private static List<Dashboard.Week> weeks(int... received) {
        LocalDate monday = LocalDate.of(2026, 9, 14);
        return IntStream.range(0, received.length)
                .mapToObj(i -> new Dashboard.Week(monday.plusWeeks(i), received[i], received[i] / 2))
                .toList();
    }

    @Test
    void theTallestBarReachesTheTopGridLine() {
        WeeklyChart chart = WeeklyChart.of(weeks(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20));

        assertThat(chart.bars()).hasSize(24);
        assertThat(chart.ticks()).extracting(WeeklyChart.Tick::value).containsExactly(0, 5, 10, 15, 20);
        WeeklyChart.Tick top = chart.ticks().getLast();
        WeeklyChart.Bar tallest = chart.bars().get(22);
        assertThat(tallest.y()).isEqualTo(top.y());
        assertThat(tallest.y() + tallest.height()).isEqualTo(chart.baseline());
        assertThat(chart.bars().getFirst().height()).isZero();
        assertThat(chart.labels().getFirst().text()).isEqualTo("14 Sep");
        assertThat(chart.description()).contains("75 requests received and 35 closed");
    }

    @Test
    void anEmptyChartStillHasAScale() {
        WeeklyChart chart = WeeklyChart.of(weeks(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(chart.ticks()).extracting(WeeklyChart.Tick::value).containsExactly(0, 1);
        assertThat(chart.bars()).allMatch(bar -> bar.height() == 0);
    }
}
