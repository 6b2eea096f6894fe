package dev.autograd4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The UCI "Optical Recognition of Handwritten Digits" data set (E. Alpaydin, C. Kaynak, 1998; CC BY 4.0; the copy
 * scikit-learn ships as {@code load_digits}, see the NOTICE beside it): 1797 grey 8x8 images of the digits 0-9,
 * shipped inside this library, so examples and tests need no download.
 */
public final class Digits {
    /** The number of images. */
    public static final int SIZE = 1797;
    /** The pixels of each image (8 x 8). */
    public static final int FEATURES = 64;
    /** The number of classes, the digits 0 to 9. */
    public static final int CLASSES = 10;

    private Digits() {
    }

    /**
     * The images as float32 {@code [1797, 64]} (pixel values 0..16 scaled to [0, 1], row by row) and their digits
     * as int64 {@code [1797]}, in the file's order.
     *
     * @return the whole data set, on the default device
     */
    public static TensorDataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream("digits.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("[digits] digits.csv.gz is missing from the class path");
            }
            try (Reader in = Csv.reader(raw)) {
                TensorDataset table = Csv.classification(in, 0, -1);
                return new TensorDataset(table.tensors().get(0).div(16.0), table.tensors().get(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("[digits] cannot read digits.csv.gz: " + e.getMessage(), e);
        }
    }
}
