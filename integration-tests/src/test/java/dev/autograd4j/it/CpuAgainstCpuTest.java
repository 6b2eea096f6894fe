package dev.autograd4j.it;

import dev.autograd4j.Device;
import org.junit.jupiter.api.Nested;

/**
 * The comparisons of the {@code Cuda*Test} classes run with the CPU in place of the GPU, demanding bit-identical
 * results: where there is no GPU this proves that every sample, program and training run builds and runs, and that
 * the CPU is deterministic, so a difference found on a GPU is the GPU's.
 */
class CpuAgainstCpuTest {

    @Nested
    class Ops extends OpAgreementSuite {
        @Override
        protected Device device() {
            return Device.cpu();
        }

        @Override
        protected boolean exact() {
            return true;
        }
    }

    @Nested
    class Programs extends RandomProgramSuite {
        @Override
        protected Device device() {
            return Device.cpu();
        }

        @Override
        protected boolean exact() {
            return true;
        }
    }

    @Nested
    class Training extends TrainingAgreementSuite {
        @Override
        protected Device device() {
            return Device.cpu();
        }

        @Override
        protected boolean exact() {
            return true;
        }
    }
}
