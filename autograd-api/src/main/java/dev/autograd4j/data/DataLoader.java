package dev.autograd4j.data;

import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Batches of a {@link Dataset}, like {@code torch.utils.data.DataLoader}: iterate it once per epoch. Each batch is
 * the dataset's tensors for {@code batchSize} examples ({@link Dataset#get(int[])}); with {@code shuffle} the order
 * is a new permutation each epoch drawn from the generator (so a seeded generator gives the same epochs every run);
 * the last, smaller batch is kept unless {@code dropLast}.
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 64, true, false, new Generator(1));
 * for (List<Tensor> batch : loader) {
 *     Tensor x = batch.get(0), y = batch.get(1);
 *     ...
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<List<Tensor>> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Generator generator;

    /**
     * In order, keeping the last batch.
     *
     * @param dataset the examples
     * @param batchSize the examples per batch, at least 1
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false, null);
    }

    /**
     * {@code generator} may be null when not shuffling.
     *
     * @param dataset the examples
     * @param batchSize the examples per batch, at least 1
     * @param shuffle draw a new order every epoch
     * @param dropLast leave out a last batch smaller than {@code batchSize}
     * @param generator the source of the orders (required when shuffling)
     * @throws IllegalArgumentException if {@code batchSize} is less than 1, or shuffling without a generator
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, Generator generator) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("[DataLoader] batch_size must be a positive integer but got " + batchSize);
        }
        if (shuffle && generator == null) {
            throw new IllegalArgumentException("[DataLoader] shuffling needs a Generator");
        }
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.generator = generator;
    }

    /**
     * The number of batches an epoch yields.
     *
     * @return {@code ceil(size / batchSize)}, or {@code floor} with {@code dropLast}, like {@code len(loader)}
     */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The examples this loader batches.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The examples per batch.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /** One epoch; with shuffling, the permutation is drawn now. */
    @Override
    public Iterator<List<Tensor>> iterator() {
        int n = dataset.size();
        int[] order = shuffle ? Datasets.randperm(n, generator) : null;
        int batches = numBatches();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public List<Tensor> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("[DataLoader] no batch after the last of " + batches
                            + " (batch_size " + batchSize + ", " + n + " examples)");
                }
                int start = next++ * batchSize;
                int[] idx = new int[Math.min(batchSize, n - start)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = order == null ? start + i : order[start + i];
                }
                return dataset.get(idx);
            }
        };
    }
}
