package dev.autograd4j.examples;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The training curves as one PNG: loss on the left, accuracy on the right, train and test in each. */
final class Plot {
    private Plot() {
    }

    static void save(Train.History h, String dataset, Path file) {
        List<Integer> epochs = IntStream.range(0, h.trainLoss().size()).boxed().toList();
        XYChart loss = chart(dataset + ": loss", "cross-entropy");
        loss.addSeries("train", epochs, h.trainLoss()).setMarker(SeriesMarkers.CIRCLE);
        loss.addSeries("test", epochs, h.testLoss()).setMarker(SeriesMarkers.DIAMOND);
        XYChart accuracy = chart(dataset + ": accuracy", "accuracy (%)");
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        accuracy.addSeries("train", epochs, h.trainAccuracy().stream().map(a -> 100 * a).toList())
                .setMarker(SeriesMarkers.CIRCLE);
        accuracy.addSeries("test", epochs, h.testAccuracy().stream().map(a -> 100 * a).toList())
                .setMarker(SeriesMarkers.DIAMOND);
        try {
            BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(560).height(400).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setDecimalPattern("#0.##");
        return c;
    }
}
