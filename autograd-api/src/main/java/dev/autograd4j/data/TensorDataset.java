package dev.autograd4j.data;

import dev.autograd4j.Device;
import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Examples that are the rows of tensors of equal length, like {@code torch.utils.data.TensorDataset}: example
 * {@code i} is {@code t.select(0, i)} of each tensor, and a batch is one {@code indexSelect} of each, on the tensors'
 * device (the index list travels to it; nothing is read back).
 */
public final class TensorDataset implements Dataset {
    private final List<Tensor> tensors;

    /**
     * Examples that are the rows of {@code tensors}, like {@code TensorDataset(*tensors)}.
     *
     * @param tensors one or more tensors with the same first size, on one device
     * @throws IllegalArgumentException if there is none, one is 0-d, or their first sizes or devices differ
     */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("[TensorDataset] needs at least one tensor");
        }
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i].dim() == 0) { // PyTorch: "Dimension specified as 0 but tensor has no dimensions"
                throw new IllegalArgumentException("[TensorDataset] tensor " + i + " is 0-d (shape []): each tensor"
                        + " needs a first dimension indexing the examples");
            }
        }
        for (Tensor t : tensors) {
            if (t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("[TensorDataset] size mismatch between tensors: every tensor needs"
                        + " the same first dimension, but got shapes "
                        + Arrays.toString(Arrays.stream(tensors).map(x -> Arrays.toString(x.shape())).toArray()));
            }
            if (t.device() != tensors[0].device()) {
                throw new IllegalArgumentException("[TensorDataset] tensors on " + tensors[0].device() + " and "
                        + t.device());
            }
        }
        this.tensors = List.of(tensors);
    }

    /**
     * The stored tensors.
     *
     * @return an immutable list of the tensors, in order
     */
    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public int size() {
        return tensors.get(0).size(0);
    }

    /**
     * Example {@code index}; a negative index counts from the end, as {@code dataset[-1]} in PyTorch.
     *
     * @param index the example, in {@code [-size(), size())}
     * @return the example's tensors
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [-size(), size())}
     */
    @Override
    public List<Tensor> get(int index) {
        if (index < -size() || index >= size()) {
            throw new IndexOutOfBoundsException("[TensorDataset] index " + index + " is out of bounds for " + size()
                    + " examples");
        }
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            out.add(t.select(0, index));
        }
        return out;
    }

    @Override
    public List<Tensor> get(int[] indices) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IndexOutOfBoundsException("[TensorDataset] index " + indices[i] + " is out of bounds for "
                        + size() + " examples");
            }
            idx[i] = indices[i];
        }
        Device device = tensors.get(0).device();
        Tensor index = Tensor.of(idx).to(device);
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            out.add(t.indexSelect(0, index));
        }
        return out;
    }

    /**
     * The same examples with every tensor on {@code device} (copied once).
     *
     * @param device the target device
     * @return a new dataset, or one sharing tensors already there
     */
    public TensorDataset to(Device device) {
        return new TensorDataset(tensors.stream().map(t -> t.to(device)).toArray(Tensor[]::new));
    }
}
