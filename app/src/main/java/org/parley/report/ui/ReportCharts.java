package org.parley.report.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.util.DoubleConverter;
import org.parley.report.Report;

/**
 * The report's charts as SVG, drawn on the server by JFreeChart and JFreeSVG. Why on the server: the page needs no
 * JavaScript library served next to Vaadin's bundle, nothing changes in the CSP, and a chart is plain markup a
 * browserless test can read. The numbers of every chart are also on the page as a table (the SVG is hidden from
 * screen readers, which read the table).
 */
final class ReportCharts {

    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    private static final Color IN = new Color(0x1F, 0x5F, 0xAD);
    private static final Color OUT = new Color(0x2E, 0x8B, 0x57);
    private static final Color FAILED = new Color(0xB0, 0x3A, 0x2E);
    private static final Color UNDER_WAY = new Color(0x99, 0x99, 0x99);

    static {
        // rotated labels (the days) as SVG text: JFreeChart's work-around for an old JDK bug draws them with a text
        // layout, which JFreeSVG writes as the outline of every letter (a 30-day chart 297 KB instead of 47 KB)
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ReportCharts() {
    }

    static String messagesPerDay(List<Report.DayCount> days) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Report.DayCount day : days) {
            data.addValue(day.in(), "In (from patients)", day.day().toString());
            data.addValue(day.out(), "Out (to patients)", day.day().toString());
        }
        JFreeChart chart = bars(data, "Day", "Messages", false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, IN);
        renderer.setSeriesPaint(1, OUT);
        return svg(chart);
    }

    static String backlog(List<Report.BacklogAge> ages) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Report.BacklogAge age : ages) {
            data.addValue(age.conversations(), "Waiting conversations", age.age());
        }
        JFreeChart chart = bars(data, "Waiting for", "Conversations", false);
        chart.removeLegend();
        ((BarRenderer) chart.getCategoryPlot().getRenderer()).setSeriesPaint(0, IN);
        return svg(chart);
    }

    static String exports(List<Report.ExportDay> days) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Report.ExportDay day : days) {
            data.addValue(day.exported(), "Exported", day.day().toString());
            data.addValue(day.failed(), "Failed", day.day().toString());
            data.addValue(day.underWay(), "Under way", day.day().toString());
        }
        JFreeChart chart = bars(data, "Day asked for", "Chart exports", true);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, OUT);
        renderer.setSeriesPaint(1, FAILED);
        renderer.setSeriesPaint(2, UNDER_WAY);
        return svg(chart);
    }

    /** Weekdays down, hours across; darker is busier. */
    static String busyHours(Report.BusyHours busy) {
        double[] hours = new double[7 * 24];
        double[] weekdays = new double[7 * 24];
        double[] counts = new double[7 * 24];
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                int i = (day.getValue() - 1) * 24 + hour;
                hours[i] = hour;
                weekdays[i] = 7 - day.getValue(); // Monday at the top
                counts[i] = busy.at(day, hour);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("Patient messages", new double[][] {hours, weekdays, counts});
        double max = Math.max(1, busy.max());
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, new Color(0xF4, 0xF6, 0xFA));
        for (int step = 1; step <= 5; step++) {
            double from = step == 1 ? 0.5 : max * (step - 1) / 5.0;
            int shade = 230 - step * 40;
            scale.add(from, new Color(shade / 3, shade / 2 + 20, Math.min(255, shade + 60)));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        NumberAxis hourAxis = new NumberAxis("Hour of the day");
        hourAxis.setRange(-0.5, 23.5);
        hourAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        String[] names = new String[7];
        for (DayOfWeek day : DayOfWeek.values()) {
            names[7 - day.getValue()] = day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        }
        SymbolAxis dayAxis = new SymbolAxis("", names);
        XYPlot plot = new XYPlot(data, hourAxis, dayAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("Patient messages");
        legendAxis.setRange(0, max + 1);
        legendAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return svg(chart);
    }

    private static JFreeChart bars(DefaultCategoryDataset data, String categories, String values, boolean stacked) {
        CategoryAxis categoryAxis = new CategoryAxis(categories);
        if (data.getColumnCount() > 10) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        categoryAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, data.getColumnCount() > 40 ? 7 : 10));
        NumberAxis valueAxis = new NumberAxis(values);
        valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        BarRenderer renderer = stacked ? new StackedBarRenderer() : new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The chart as one {@code <svg>} element, hidden from screen readers (the table beside it has the numbers). */
    private static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        // a tenth of a pixel is finer than any screen draws; JFreeSVG's default writes every float digit
        g.setGeomDoubleConverter(new DoubleConverter(1));
        g.setTransformDoubleConverter(new DoubleConverter(2));
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        String svg = g.getSVGElement();
        return svg.replaceFirst("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" style=\"max-width:100%;height:auto\" ");
    }
}
