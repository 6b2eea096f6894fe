package dev.autograd4j.data;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splitting and shuffling datasets. */
public final class Datasets {
    private Datasets() {
    }

    /**
     * A random permutation of {@code 0 .. n-1} drawn from {@code generator}: the indices ordered by {@code n} uniform
     * float64 draws (made on the CPU, so the order depends only on the generator's seed and offset). The draws
     * differ from PyTorch's {@code randperm}, so the permutation does too.
     *
     * @param n the number of indices
     * @param generator the source of randomness
     * @return a permutation of {@code 0 .. n-1}
     */
    public static int[] randperm(int n, Generator generator) {
        double[] keys = Tensor.rand(generator, new int[] {n}, DType.FLOAT64, Device.cpu()).toDoubleArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Double.compare(keys[a], keys[b]) : Integer.compare(a, b));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Splits {@code dataset} into subsets of the given {@code lengths} (which must add up to its size) after a random
     * permutation, like {@code torch.utils.data.random_split}.
     *
     * <pre>{@code
     * List<Subset> parts = Datasets.randomSplit(Digits.load(), new int[] {1437, 360}, new Generator(0));
     * }</pre>
     *
     * @param dataset the examples
     * @param lengths the sizes of the parts, non-negative, adding up to the dataset's size
     * @param generator the source of the permutation
     * @return the parts, in the order of {@code lengths}
     * @throws IllegalArgumentException if the lengths are negative or do not add up to the dataset's size
     */
    public static List<Subset> randomSplit(Dataset dataset, int[] lengths, Generator generator) {
        int total = Arrays.stream(lengths).sum();
        if (total != dataset.size() || Arrays.stream(lengths).anyMatch(l -> l < 0)) {
            throw new IllegalArgumentException("[random_split] the lengths " + Arrays.toString(lengths)
                    + " must be non-negative and add up to the dataset's " + dataset.size() + " examples");
        }
        int[] perm = randperm(dataset.size(), generator);
        List<Subset> out = new ArrayList<>();
        int at = 0;
        for (int length : lengths) {
            out.add(new Subset(dataset, Arrays.copyOfRange(perm, at, at + length)));
            at += length;
        }
        return out;
    }
}
