package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Examples by index, like {@code torch.utils.data.Dataset}: {@link #get(int)} returns one example as a list of
 * tensors (features, target, ...), and {@link #get(int[])} a batch of them stacked along a new first dimension,
 * which is what a {@link DataLoader} asks for. Override {@code get(int[])} where a batch can be cut out of stored
 * tensors at once ({@link TensorDataset} does).
 */
public interface Dataset {
    /**
     * The number of examples, like {@code len(dataset)}.
     *
     * @return the count
     */
    int size();

    /**
     * Example {@code index}: its tensors, in a fixed order.
     *
     * @param index the example, in {@code [0, size())}
     * @return the example's tensors
     */
    List<Tensor> get(int index);

    /**
     * The examples at {@code indices}, each of their tensors stacked (PyTorch's default collate).
     *
     * @param indices the examples, at least one
     * @return one tensor per field, with a new first dimension of {@code indices.length}
     * @throws IllegalArgumentException if {@code indices} is empty
     */
    default List<Tensor> get(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("[dataset] a batch needs at least one index");
        }
        List<List<Tensor>> examples = new ArrayList<>();
        for (int i : indices) {
            examples.add(get(i));
        }
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < examples.get(0).size(); k++) {
            List<Tensor> column = new ArrayList<>();
            for (List<Tensor> e : examples) {
                column.add(e.get(k));
            }
            out.add(Tensor.stack(column, 0));
        }
        return out;
    }
}
