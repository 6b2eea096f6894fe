package dev.autograd4j.nn;

import dev.autograd4j.Generator;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, like {@code torch.nn.Embedding}:
 * {@code forward(indices)} (int64) returns the rows, shape {@code indices.shape + [embeddingDim]}. The weight starts
 * from {@code N(0, 1)}; the row {@code paddingIdx}, if given, starts at zeros and gets no gradient.
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;
    private final Parameter weight;

    /**
     * A lookup table of {@code numEmbeddings} rows of size {@code embeddingDim}, like {@code nn.Embedding(num, dim)}.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each row
     * @param generator draws the initial weight
     */
    public Embedding(int numEmbeddings, int embeddingDim, Generator generator) {
        this(numEmbeddings, embeddingDim, null, generator);
    }

    /**
     * {@code paddingIdx} may be negative (counted from the end) or null for none.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each row
     * @param paddingIdx the row that starts at zeros and gets no gradient, or null
     * @param generator draws the initial weight
     * @throws IllegalArgumentException if {@code paddingIdx} is outside {@code [-numEmbeddings, numEmbeddings)}
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator generator) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        if (paddingIdx != null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
            throw new IllegalArgumentException("[Embedding] padding_idx " + paddingIdx + " must be within num_embeddings "
                    + numEmbeddings);
        }
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        Tensor w = Init.normal_(Tensor.zeros(numEmbeddings, embeddingDim), 0, 1, generator);
        if (this.paddingIdx != null) {
            try (GradMode.Guard ignored = GradMode.noGrad()) {
                w.select(0, this.paddingIdx).zero_();
            }
        }
        this.weight = registerParameter("weight", w);
    }

    @Override
    public Tensor forward(Tensor indices) {
        return paddingIdx == null ? Functional.embedding(indices, weight.tensor())
                : Functional.embedding(indices, weight.tensor(), paddingIdx);
    }

    /**
     * The table, {@code [numEmbeddings, embeddingDim]}, like {@code embedding.weight}.
     *
     * @return the parameter
     */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
