package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.util.List;

/** The examples of {@code dataset} at {@code indices}, in that order, like {@code torch.utils.data.Subset}. */
public record Subset(Dataset dataset, int[] indices) implements Dataset {
    /**
     * Checks and copies the indices.
     *
     * @param dataset the examples
     * @param indices the examples kept, in order
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, dataset.size())}
     */
    public Subset {
        indices = indices.clone();
        for (int i : indices) {
            if (i < 0 || i >= dataset.size()) {
                throw new IndexOutOfBoundsException("[Subset] index " + i + " is out of bounds for " + dataset.size()
                        + " examples");
            }
        }
    }

    /**
     * The examples kept, in order.
     *
     * @return a copy of the indices
     */
    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public List<Tensor> get(int index) {
        return dataset.get(indices[index]);
    }

    @Override
    public List<Tensor> get(int[] batch) {
        int[] mapped = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            mapped[i] = indices[batch[i]];
        }
        return dataset.get(mapped);
    }
}
