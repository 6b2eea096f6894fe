package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads comma-separated numbers into tensors: a table of features with one column of integer class labels, the
 * common shape of small classification data (iris, digits). Blank lines are skipped; every other row must have the
 * same number of columns. Errors name the line and column.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * A classification dataset: every column but {@code labelColumn} (negative counts from the end: -1 is the last)
     * as float32 features {@code [rows, columns - 1]}, that column as int64 labels {@code [rows]}. The first
     * {@code skipRows} lines (a header) are skipped.
     *
     * @param in the text, read to its end (not closed)
     * @param skipRows the number of leading lines to skip
     * @param labelColumn the column of integer labels; negative counts from the end
     * @return features and labels
     * @throws IllegalArgumentException if a value is not a number, a label is not an integer, the rows differ in
     *     length, or {@code labelColumn} is out of range
     */
    public static TensorDataset classification(Reader in, int skipRows, int labelColumn) {
        double[][] rows = read(in, skipRows);
        int columns = rows.length == 0 ? 0 : rows[0].length;
        int label = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (rows.length == 0 || label < 0 || label >= columns || columns < 2) {
            throw new IllegalArgumentException("[csv] label column " + labelColumn + " is not one of the " + columns
                    + " columns of " + rows.length + " rows (a classification table needs rows, features and labels)");
        }
        float[] features = new float[rows.length * (columns - 1)];
        long[] labels = new long[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double y = rows[r][label];
            if (y != Math.rint(y)) {
                throw new IllegalArgumentException("[csv] data row " + (r + 1) + ": the label " + y
                        + " is not an integer class");
            }
            labels[r] = (long) y;
            for (int c = 0, k = 0; c < columns; c++) {
                if (c != label) {
                    features[r * (columns - 1) + k++] = (float) rows[r][c];
                }
            }
        }
        return new TensorDataset(Tensor.of(features, rows.length, columns - 1), Tensor.of(labels));
    }

    /**
     * {@link #classification(Reader, int, int)} from a file, gunzipped when it is gzip-compressed.
     *
     * @param file the file, plain or gzipped
     * @param skipRows the number of leading lines to skip
     * @param labelColumn the column of integer labels; negative counts from the end
     * @return features and labels
     * @throws IllegalArgumentException if the contents are malformed
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static TensorDataset classification(Path file, int skipRows, int labelColumn) {
        try (Reader in = reader(Files.newInputStream(file))) {
            return classification(in, skipRows, labelColumn);
        } catch (IOException e) {
            throw new UncheckedIOException("[csv] cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The numbers of every row after the first {@code skipRows} lines.
     *
     * @param in the text, read to its end (not closed)
     * @param skipRows the number of leading lines to skip
     * @return one array per non-blank row
     * @throws IllegalArgumentException if a value is not a number or the rows differ in length
     */
    public static double[][] read(Reader in, int skipRows) {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<double[]> rows = new ArrayList<>();
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (lineNumber <= skipRows || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (!rows.isEmpty() && cells.length != rows.get(0).length) {
                    throw new IllegalArgumentException("[csv] line " + lineNumber + ": expected " + rows.get(0).length
                            + " columns but found " + cells.length);
                }
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Double.parseDouble(cells[c].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("[csv] line " + lineNumber + ", column " + (c + 1) + ": '"
                                + cells[c].trim() + "' is not a number");
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("[csv] cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        return rows.toArray(new double[0][]);
    }

    /** A UTF-8 reader of {@code raw}, gunzipping it when it starts with gzip's magic bytes. */
    static Reader reader(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
