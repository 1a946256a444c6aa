package dev.lethe.ui.catalog;

import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.system.DataSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The data flows between systems as a picture the server draws (SVG, no script): the systems, and the
 * external recipients flows go to, as boxes on a circle in name order; one arrow per pair of boxes that
 * data flows between, labelled with the data categories of those flows. The layout depends on nothing
 * but the names, so the picture stays put from one visit to the next. Coordinates are text with one
 * decimal, ready for the template's attributes.
 */
record FlowPicture(String width, String height, List<Box> boxes, List<Arrow> arrows) {

    /** A system or external recipient: its box's corner, size, label and centre of the label. */
    record Box(
            String key, String label, boolean external, String x, String y, String w, String h, String tx, String ty) {}

    /** Data flowing from one box to another; {@code label} lists its categories. */
    record Arrow(
            String from, String to, String x1, String y1, String x2, String y2, String tx, String ty, String label) {}

    private static final double BOX_W = 180;
    private static final double BOX_H = 44;
    private static final double MARGIN = 70;
    private static final int LABEL_CHARS = 24;
    private static final int ARROW_LABEL_CHARS = 40;

    private record Point(double x, double y) {}

    static FlowPicture of(List<DataSystem> systems, List<DataFlow> flows) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Boolean> external = new LinkedHashMap<>();
        systems.stream()
                .sorted(java.util.Comparator.comparing(DataSystem::name))
                .forEach(system -> {
                    labels.put(system.id().toString(), system.name());
                    external.put(system.id().toString(), false);
                });
        new TreeSet<>(flows.stream()
                        .map(DataFlow::externalRecipient)
                        .filter(Objects::nonNull)
                        .toList())
                .forEach(recipient -> {
                    labels.put("external:" + recipient, recipient);
                    external.put("external:" + recipient, true);
                });
        int n = labels.size();
        double radius = n <= 1 ? 0 : Math.max(140, n * 42.0);
        double width = 2 * radius + BOX_W + 2 * MARGIN;
        double height = 2 * radius + BOX_H + 2 * MARGIN;
        Map<String, Point> centres = new LinkedHashMap<>();
        List<Box> boxes = new ArrayList<>();
        int i = 0;
        for (var entry : labels.entrySet()) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i++ / Math.max(n, 1);
            Point centre = new Point(width / 2 + radius * Math.cos(angle), height / 2 + radius * Math.sin(angle));
            centres.put(entry.getKey(), centre);
            boxes.add(new Box(
                    entry.getKey(),
                    shorten(entry.getValue(), LABEL_CHARS),
                    external.get(entry.getKey()),
                    num(centre.x() - BOX_W / 2),
                    num(centre.y() - BOX_H / 2),
                    num(BOX_W),
                    num(BOX_H),
                    num(centre.x()),
                    num(centre.y() + 5)));
        }
        return new FlowPicture(num(width), num(height), boxes, arrows(flows, centres));
    }

    private static List<Arrow> arrows(List<DataFlow> flows, Map<String, Point> centres) {
        Map<List<String>, TreeSet<String>> pairs = new LinkedHashMap<>();
        for (DataFlow flow : flows) {
            String from = flow.fromSystemId().toString();
            String to =
                    flow.toSystemId() != null ? flow.toSystemId().toString() : "external:" + flow.externalRecipient();
            if (!from.equals(to) && centres.containsKey(from) && centres.containsKey(to)) {
                pairs.computeIfAbsent(List.of(from, to), pair -> new TreeSet<>())
                        .addAll(flow.dataCategories());
            }
        }
        List<Arrow> arrows = new ArrayList<>();
        pairs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
                .forEach(pair -> {
                    String from = pair.getKey().get(0);
                    String to = pair.getKey().get(1);
                    // Flows both ways: each arrow moves aside, so the two do not cover each other.
                    double aside = pairs.containsKey(List.of(to, from)) ? 7 : 0;
                    arrows.add(arrow(from, to, centres.get(from), centres.get(to), aside, pair.getValue()));
                });
        return arrows;
    }

    private static Arrow arrow(String from, String to, Point a, Point b, double aside, TreeSet<String> categories) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double length = Math.hypot(dx, dy);
        double ux = dx / length;
        double uy = dy / length;
        // The normal to the right of the direction of travel.
        double nx = -uy;
        double ny = ux;
        double out = edge(ux, uy);
        Point start = new Point(a.x() + ux * out + nx * aside, a.y() + uy * out + ny * aside);
        Point end = new Point(b.x() - ux * (out + 4) + nx * aside, b.y() - uy * (out + 4) + ny * aside);
        Point label = new Point((start.x() + end.x()) / 2 + nx * 12, (start.y() + end.y()) / 2 + ny * 12);
        String text = categories.isEmpty() ? "(no categories)" : String.join(", ", categories);
        return new Arrow(
                from,
                to,
                num(start.x()),
                num(start.y()),
                num(end.x()),
                num(end.y()),
                num(label.x()),
                num(label.y()),
                shorten(text, ARROW_LABEL_CHARS));
    }

    /** How far from a box's centre a line in direction (ux, uy) leaves the box. */
    private static double edge(double ux, double uy) {
        double byWidth = ux == 0 ? Double.MAX_VALUE : (BOX_W / 2) / Math.abs(ux);
        double byHeight = uy == 0 ? Double.MAX_VALUE : (BOX_H / 2) / Math.abs(uy);
        return Math.min(byWidth, byHeight);
    }

    private static String shorten(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
