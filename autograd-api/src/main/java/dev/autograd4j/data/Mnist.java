package dev.autograd4j.data;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-style data from IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, gzipped or
 * not), for users who have the files: nothing is downloaded. The IDX format is big-endian: two zero bytes, a type
 * code (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), the number of dims,
 * each dim as a 32-bit integer, then the data row-major.
 */
public final class Mnist {
    private Mnist() {
    }

    /**
     * Images and labels as a dataset: the images as float32 {@code [N, rows * cols]} scaled from 0..255 to [0, 1]
     * (flattened, ready for an MLP), the labels as int64 {@code [N]}.
     *
     * @param images an IDX file of {@code [N, rows, cols]} images
     * @param labels an IDX file of {@code [N]} labels
     * @return the dataset
     * @throws IllegalArgumentException if the files are malformed or their counts differ
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static TensorDataset load(Path images, Path labels) {
        Tensor x = readIdx(images);
        Tensor y = readIdx(labels);
        if (x.dim() != 3 || y.dim() != 1 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("[mnist] expected images [N, rows, cols] and labels [N] but got "
                    + Arrays.toString(x.shape()) + " in " + images + " and " + Arrays.toString(y.shape()) + " in "
                    + labels);
        }
        return new TensorDataset(x.to(DType.FLOAT32).div(255.0).reshape(x.size(0), -1), y.to(DType.INT64));
    }

    /**
     * One IDX file as a tensor: integer types as int32, float as float32, double as float64.
     *
     * @param file an IDX file, plain or gzipped
     * @return the tensor, of the file's shape
     * @throws IllegalArgumentException if the file is malformed
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Tensor readIdx(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            return readIdx(raw, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("[idx] cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX stream (gunzipped when it starts with gzip's magic bytes); {@code name} is for messages.
     *
     * @param raw the stream, read to its end (not closed)
     * @param name what to call the stream in messages
     * @return the tensor, of the stream's shape
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the data is malformed
     */
    public static Tensor readIdx(InputStream raw, String name) throws IOException {
        InputStream buffered = new BufferedInputStream(raw);
        buffered.mark(2);
        int b0 = buffered.read(), b1 = buffered.read();
        buffered.reset();
        DataInputStream in = new DataInputStream(b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered) : buffered);
        try {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF, dims = magic & 0xFF;
            if ((magic >>> 16) != 0 || dims == 0) {
                throw new IllegalArgumentException("[idx] " + name + " is not an IDX file (magic number 0x"
                        + Integer.toHexString(magic) + ")");
            }
            int[] shape = new int[dims];
            long numel = 1;
            for (int d = 0; d < dims; d++) {
                shape[d] = in.readInt();
                if (shape[d] < 0) {
                    throw new IllegalArgumentException("[idx] " + name + " has a negative dimension " + shape[d]);
                }
                numel *= shape[d];
            }
            if (numel > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("[idx] " + name + " holds " + numel + " elements, too many");
            }
            int n = (int) numel;
            Tensor flat = switch (type) {
                case 0x08, 0x09, 0x0B, 0x0C -> {
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = switch (type) {
                            case 0x08 -> in.readUnsignedByte();
                            case 0x09 -> in.readByte();
                            case 0x0B -> in.readShort();
                            default -> in.readInt();
                        };
                    }
                    yield Tensor.of(v);
                }
                case 0x0D -> {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readFloat();
                    }
                    yield Tensor.of(v);
                }
                case 0x0E -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readDouble();
                    }
                    yield Tensor.of(v);
                }
                default -> throw new IllegalArgumentException("[idx] " + name + " has unknown type code 0x"
                        + Integer.toHexString(type));
            };
            if (in.read() != -1) {
                throw new IllegalArgumentException("[idx] " + name + " has data past the " + n + " elements of shape "
                        + Arrays.toString(shape));
            }
            return flat.reshape(shape);
        } catch (EOFException e) {
            throw new IllegalArgumentException("[idx] " + name + " ends before its data does (a truncated file?)");
        }
    }
}
