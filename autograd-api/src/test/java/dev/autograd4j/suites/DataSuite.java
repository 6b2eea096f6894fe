package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.data.Csv;
import dev.autograd4j.data.DataLoader;
import dev.autograd4j.data.Dataset;
import dev.autograd4j.data.Datasets;
import dev.autograd4j.data.Digits;
import dev.autograd4j.data.Mnist;
import dev.autograd4j.data.Subset;
import dev.autograd4j.data.TensorDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Datasets, batching and the data readers; the tensors they make live on the suite's {@link #device()}. */
public abstract class DataSuite extends DeviceSuite {

    /** Ten examples: features {@code [i, 10 i]}, label {@code i % 3}. */
    private static TensorDataset ten() {
        float[] x = new float[20];
        long[] y = new long[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return new TensorDataset(Tensor.of(x, 10, 2), Tensor.of(y));
    }

    /** The first feature of each example of each batch, which is its index. */
    private static List<long[]> indices(DataLoader loader) {
        List<long[]> out = new ArrayList<>();
        for (List<Tensor> batch : loader) {
            assertEquals(batch.get(0).size(0), batch.get(1).size(0));
            out.add(batch.get(0).select(1, 0).to(DType.INT64).toLongArray());
        }
        return out;
    }

    @Test
    void batchesInOrderWithTheLastOneSmallerOrDropped() {
        DataLoader loader = new DataLoader(ten(), 4);
        assertEquals(3, loader.numBatches());
        List<long[]> batches = indices(loader);
        assertArrayEquals(new long[] {0, 1, 2, 3}, batches.get(0));
        assertArrayEquals(new long[] {8, 9}, batches.get(2));
        List<Tensor> first = loader.iterator().next();
        assertEquals(device(), first.get(0).device());
        assertArrayEquals(new long[] {0, 1, 2, 0}, first.get(1).toLongArray());
        DataLoader dropping = new DataLoader(ten(), 4, false, true, null);
        assertEquals(2, dropping.numBatches());
        assertEquals(2, indices(dropping).size());
    }

    @Test
    void shufflingIsAFreshPermutationEachEpochFromTheGenerator() {
        DataLoader a = new DataLoader(ten(), 3, true, false, new Generator(5));
        DataLoader b = new DataLoader(ten(), 3, true, false, new Generator(5));
        List<long[]> epoch1 = indices(a), epoch2 = indices(a);
        long[] all = epoch1.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all, "every example once per epoch");
        assertFalse(Arrays.equals(flat(epoch1), flat(epoch2)), "another order in the next epoch");
        assertArrayEquals(flat(epoch1), flat(indices(b)), "the same seed gives the same epochs");
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(ten(), 3, true, false, null));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(ten(), 0));
    }

    @Test
    void tensorDatasetErrorsSayWhatIsWrong() {
        // PyTorch 1.13: TensorDataset(torch.zeros(3), torch.tensor(1.)) raises "Dimension specified as 0 but tensor has
        // no dimensions", TensorDataset(torch.zeros(3), torch.zeros(4, 2)) "Size mismatch between tensors";
        // TensorDataset(torch.arange(5))[5] "index 5 is out of bounds for dimension 0 with size 5", [-1] is tensor(4).
        IllegalArgumentException zeroD = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3), Tensor.scalar(1)));
        assertEquals("[TensorDataset] tensor 1 is 0-d (shape []): each tensor needs a first dimension indexing the"
                + " examples", zeroD.getMessage());
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3), Tensor.zeros(4, 2)));
        assertTrue(sizes.getMessage().startsWith("[TensorDataset] size mismatch"), sizes.getMessage());
        TensorDataset five = new TensorDataset(Tensor.arange(5));
        assertEquals(4.0, five.get(-1).get(0).item());
        IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> five.get(5));
        assertEquals("[TensorDataset] index 5 is out of bounds for 5 examples", past.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> five.get(-6));
    }

    @Test
    void aLoaderIteratorPastItsLastBatchSaysSo() {
        // Python's next() past the end raises StopIteration; Java's Iterator contract is NoSuchElementException.
        Iterator<List<Tensor>> it = new DataLoader(ten(), 4).iterator();
        it.next();
        it.next();
        it.next();
        NoSuchElementException e = assertThrows(NoSuchElementException.class, it::next);
        assertEquals("[DataLoader] no batch after the last of 3 (batch_size 4, 10 examples)", e.getMessage());
        // PyTorch 1.13: list(DataLoader(TensorDataset(torch.zeros(0, 3)), 2)) is [].
        DataLoader empty = new DataLoader(new TensorDataset(Tensor.zeros(0, 3)), 2);
        assertEquals(0, empty.numBatches());
        assertFalse(empty.iterator().hasNext());
    }

    private static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    @Test
    void randomSplitPartitionsTheExamples() {
        List<Subset> parts = Datasets.randomSplit(ten(), new int[] {7, 3}, new Generator(0));
        assertEquals(7, parts.get(0).size());
        assertEquals(3, parts.get(1).size());
        int[] both = new int[10];
        System.arraycopy(parts.get(0).indices(), 0, both, 0, 7);
        System.arraycopy(parts.get(1).indices(), 0, both, 7, 3);
        Arrays.sort(both);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, both);
        int i = parts.get(1).indices()[2];
        assertArrayEquals(new float[] {i, 10 * i}, parts.get(1).get(2).get(0).toFloatArray());
        assertArrayEquals(Datasets.randperm(10, new Generator(0)), concat(parts.get(0).indices(),
                parts.get(1).indices()), "the split is one permutation, cut");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(ten(), new int[] {7, 2}, new Generator(0)));
        assertTrue(e.getMessage().startsWith("[random_split]"), e.getMessage());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A dataset that only knows single examples is batched by stacking them (PyTorch's default collate). */
    @Test
    void singleExamplesAreStackedIntoBatches() {
        Dataset squares = new Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public List<Tensor> get(int index) {
                return List.of(Tensor.of(new float[] {index, index * index}), Tensor.scalar(index, DType.INT64));
            }
        };
        List<Tensor> batch = new DataLoader(squares, 2).iterator().next();
        assertArrayEquals(new int[] {2, 2}, batch.get(0).shape());
        assertArrayEquals(new float[] {0, 0, 1, 1}, batch.get(0).toFloatArray());
        assertArrayEquals(new long[] {0, 1}, batch.get(1).toLongArray());
    }

    @Test
    void csvReadsAClassificationTable() {
        String iris = "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n\n6.3,3.3,6.0,2.5,2\n";
        TensorDataset ds = Csv.classification(new StringReader(iris), 1, -1);
        assertEquals(2, ds.size());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f, 6.3f, 3.3f, 6.0f, 2.5f},
                ds.tensors().get(0).toFloatArray());
        assertArrayEquals(new long[] {0, 2}, ds.tensors().get(1).toLongArray());
        TensorDataset first = Csv.classification(new StringReader("1,0.5,0.25\n0,1.5,2.5\n"), 0, 0);
        assertArrayEquals(new long[] {1, 0}, first.tensors().get(1).toLongArray());
        assertArrayEquals(new float[] {0.5f, 0.25f, 1.5f, 2.5f}, first.tensors().get(0).toFloatArray());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.classification(new StringReader("1,2,0\n1,2\n"), 0, -1));
        assertEquals("[csv] line 2: expected 3 columns but found 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Csv.classification(new StringReader("h\n1,x,0\n"), 1, -1));
        assertEquals("[csv] line 2, column 2: 'x' is not a number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Csv.classification(new StringReader("1,2,0.5\n"), 0, -1));
        assertEquals("[csv] data row 1: the label 0.5 is not an integer class", e.getMessage());
    }

    @Test
    void theDigitsShipWithTheLibrary() {
        TensorDataset digits = Digits.load();
        assertEquals(1797, digits.size());
        Tensor x = digits.tensors().get(0), y = digits.tensors().get(1);
        assertArrayEquals(new int[] {1797, 64}, x.shape());
        assertEquals(DType.INT64, y.dtype());
        assertEquals(0.0, x.min().item());
        assertEquals(1.0, x.max().item());
        assertEquals(0, y.min().item());
        assertEquals(9, y.max().item());
        // sklearn.datasets.load_digits(): the first image's top row is 0, 0, 5, 13, 9, 1, 0, 0 (of 16) and it is a 0.
        assertArrayEquals(new float[] {0, 0, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f, 0, 0},
                x.select(0, 0).narrow(0, 0, 8).toFloatArray());
        assertEquals(0, y.select(0, 0).item());
    }

    /** IDX files as MNIST ships them (big-endian), written here: two 2x3 images and their labels, one gzipped. */
    @Test
    void mnistIdxFilesLoadGzippedOrNot(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images-idx3-ubyte.gz"), labels = dir.resolve("labels-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
            out.writeInt(0x00000803);
            out.writeInt(2);
            out.writeInt(2);
            out.writeInt(3);
            out.write(new byte[] {0, 51, (byte) 255, 102, 0, 0, 1, 2, 3, 4, 5, (byte) 204});
        }
        writeIdx(labels, 0x00000801, new int[] {2}, new byte[] {7, 3});
        TensorDataset ds = Mnist.load(images, labels);
        assertArrayEquals(new int[] {2, 6}, ds.tensors().get(0).shape());
        assertArrayEquals(new float[] {0, 0.2f, 1, 0.4f, 0, 0}, ds.tensors().get(0).select(0, 0).toFloatArray(), 1e-7f);
        assertArrayEquals(new long[] {7, 3}, ds.tensors().get(1).toLongArray());

        Path bad = dir.resolve("bad");
        writeIdx(bad, 0x12340803, new int[] {1}, new byte[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.readIdx(bad));
        assertTrue(e.getMessage().startsWith("[idx]") && e.getMessage().contains("not an IDX file"), e.getMessage());
        Path truncated = dir.resolve("truncated");
        writeIdx(truncated, 0x00000801, new int[] {3}, new byte[] {1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.readIdx(truncated));
        assertTrue(e.getMessage().contains("a truncated file?"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(labels, labels));
        assertTrue(e.getMessage().startsWith("[mnist] expected images [N, rows, cols]"), e.getMessage());
    }

    private static void writeIdx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        try (OutputStream f = Files.newOutputStream(file)) {
            f.write(bytes.toByteArray());
        }
    }
}
