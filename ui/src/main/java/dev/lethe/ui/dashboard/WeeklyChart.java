package dev.lethe.ui.dashboard;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the "received and closed per week" bar chart, drawn by the template as inline SVG
 * (no script, no style attribute: colours come from the stylesheet's classes). Coordinates are in the
 * SVG's own units; the picture scales with its {@code viewBox}.
 */
record WeeklyChart(List<Bar> bars, List<Tick> ticks, List<Label> labels, String description) {

    static final int WIDTH = 760;
    static final int HEIGHT = 250;
    private static final int LEFT = 44;
    private static final int TOP = 16;
    private static final int BASELINE = 206;
    private static final int GROUP = 58;
    private static final int BAR = 22;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** A bar: {@code kind} is its CSS class, {@code received} or {@code closed}. */
    record Bar(int x, int y, int width, int height, String kind) {}

    /** A horizontal grid line and its value. */
    record Tick(int y, int value) {}

    /** A week's label under its bars. */
    record Label(int x, String text) {}

    static WeeklyChart of(List<Dashboard.Week> weeks) {
        int max = weeks.stream()
                .mapToInt(week -> Math.max(week.received(), week.closed()))
                .max()
                .orElse(0);
        int step = step(max);
        int top = Math.max(step, (max + step - 1) / step * step);
        double scale = (double) (BASELINE - TOP) / top;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Dashboard.Week week = weeks.get(i);
            int x = LEFT + i * GROUP;
            bars.add(bar(x + 6, week.received(), scale, "received"));
            bars.add(bar(x + 6 + BAR, week.closed(), scale, "closed"));
            labels.add(new Label(x + 6 + BAR, DAY.format(week.start())));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int value = 0; value <= top; value += step) {
            ticks.add(new Tick(BASELINE - (int) Math.round(value * scale), value));
        }
        int received = weeks.stream().mapToInt(Dashboard.Week::received).sum();
        int closed = weeks.stream().mapToInt(Dashboard.Week::closed).sum();
        String description = "Bar chart of the last " + weeks.size() + " weeks: " + received + " requests received and "
                + closed + " closed in all. The table below lists each week.";
        return new WeeklyChart(bars, ticks, labels, description);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return LEFT + GROUP * DashboardFigures.WEEKS;
    }

    public int baseline() {
        return BASELINE;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    private static Bar bar(int x, int value, double scale, String kind) {
        int height = (int) Math.round(value * scale);
        return new Bar(x, BASELINE - height, BAR - 2, height, kind);
    }

    /** A grid step of 1, 2 or 5 × 10ⁿ that gives at most five lines above zero. */
    private static int step(int max) {
        int step = 1;
        while (max > step * 5) {
            step = step == 1 ? 2 : String.valueOf(step).startsWith("2") ? step / 2 * 5 : step * 2;
        }
        return step;
    }
}
