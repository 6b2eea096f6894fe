/**
 * Data for training, like {@code torch.utils.data}: {@link dev.autograd4j.data.Dataset},
 * {@link dev.autograd4j.data.TensorDataset}, {@link dev.autograd4j.data.Subset}, batching and shuffling with
 * {@link dev.autograd4j.data.DataLoader}, {@link dev.autograd4j.data.Datasets#randomSplit}, and readers:
 * {@link dev.autograd4j.data.Csv}, {@link dev.autograd4j.data.Mnist} (IDX files you have) and
 * {@link dev.autograd4j.data.Digits} (shipped in this library). Public API under semantic versioning.
 */
package dev.autograd4j.data;
