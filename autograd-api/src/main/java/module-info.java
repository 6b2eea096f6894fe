/**
 * autograd4j's API: tensors, the autograd engine, {@code nn} (functions, modules, losses, initialisers),
 * {@code optim} (optimizers, learning-rate schedulers, gradient clipping), {@code io} (safetensors), {@code data}
 * (datasets, batching, the digits data, CSV and MNIST readers), {@code verify} (comparing two runs of a model
 * node by node, anomaly mode) and the backend SPI. The op implementations
 * ({@code dev.autograd4j.ops}) and the library's internal access to tensors ({@code dev.autograd4j.internal}) are
 * not exported: they are not public API.
 */
module dev.autograd4j.api {
    requires org.slf4j;

    exports dev.autograd4j;
    exports dev.autograd4j.nn;
    exports dev.autograd4j.optim;
    exports dev.autograd4j.io;
    exports dev.autograd4j.data;
    exports dev.autograd4j.spi;
    exports dev.autograd4j.verify;

    uses dev.autograd4j.spi.BackendProvider;
}
