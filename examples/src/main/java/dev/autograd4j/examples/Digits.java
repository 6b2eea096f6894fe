package dev.autograd4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The UCI handwritten digits (8x8 images, 1797 rows; see data/NOTICE), pixels scaled to [0, 1]. */
record Digits(float[] pixels, long[] labels) {
    static final int FEATURES = 64;
    static final int CLASSES = 10;

    int size() {
        return labels.length;
    }

    static Digits load() {
        try (InputStream raw = Digits.class.getResourceAsStream("/data/digits.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("data/digits.csv.gz is missing from the class path");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            List<String[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            float[] pixels = new float[rows.size() * FEATURES];
            long[] labels = new long[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = rows.get(r);
                for (int c = 0; c < FEATURES; c++) {
                    pixels[r * FEATURES + c] = Integer.parseInt(cells[c].trim()) / 16f;
                }
                labels[r] = Long.parseLong(cells[FEATURES].trim());
            }
            return new Digits(pixels, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows at {@code indices}, in that order. */
    Digits subset(int[] indices) {
        float[] p = new float[indices.length * FEATURES];
        long[] l = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * FEATURES, p, i * FEATURES, FEATURES);
            l[i] = labels[indices[i]];
        }
        return new Digits(p, l);
    }
}
