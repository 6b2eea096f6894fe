package dev.autograd4j;

import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values and gradients against numbers printed by PyTorch 1.13 (CPU, {@code tolist()}), for the activations,
 * the numerically delicate ops (large logits, -inf, sigmoid at +-40) and the composite layers.
 */
class OpValuesTest {
    private static final double[] X = {-2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5};

    private static void activation(UnaryOperator<Tensor> f, double[] values, double[] grads) {
        Tensor x = Tensor.of(X.clone()).requiresGrad(true);
        Tensor y = f.apply(x);
        assertArrayEquals(values, y.toDoubleArray(), 1e-14);
        y.sum().backward();
        assertArrayEquals(grads, x.grad().toDoubleArray(), 1e-14);
    }

    @Test
    void geluExact() {
        activation(Functional::gelu,
                new double[] {-0.015524163314440398, -0.15865525393145702, -0.15426876936299344, 0.0,
                        0.34573123063700656, 0.841344746068543, 2.4844758366855597},
                new double[] {-0.03761108590814519, -0.08331547058768635, 0.13250487534383712, 0.5,
                        0.8674951246561629, 1.0833154705876864, 1.037611085908145});
    }

    @Test
    void geluTanh() {
        activation(x -> Functional.gelu(x, "tanh"),
                new double[] {-0.015084266089998577, -0.15880800939172324, -0.15428599017485606, 0.0,
                        0.34571400982514394, 0.8411919906082768, 2.484915733910001},
                new double[] {-0.03795157621266618, -0.08296408384578252, 0.13263009646535764, 0.5,
                        0.8673699035346424, 1.0829640838457826, 1.037951576212666});
    }

    @Test
    void softplus() {
        activation(Functional::softplus,
                new double[] {0.07888973429254963, 0.31326168751822286, 0.4740769841801067, 0.6931471805599453,
                        0.9740769841801067, 1.3132616875182228, 2.5788897342925496},
                new double[] {0.07585818002124356, 0.2689414213699951, 0.37754066879814546, 0.5, 0.6224593312018546,
                        0.7310585786300049, 0.9241418199787564});
    }

    @Test
    void sigmoidTanhLeakyReluErf() {
        activation(Tensor::sigmoid,
                new double[] {0.07585818002124355, 0.2689414213699951, 0.3775406687981454, 0.5, 0.6224593312018546,
                        0.7310585786300049, 0.9241418199787566},
                new double[] {0.07010371654510815, 0.19661193324148185, 0.2350037122015945, 0.25, 0.2350037122015945,
                        0.19661193324148185, 0.07010371654510807});
        activation(Tensor::tanh,
                new double[] {-0.9866142981514303, -0.7615941559557649, -0.46211715726000974, 0.0,
                        0.46211715726000974, 0.7615941559557649, 0.9866142981514303},
                new double[] {0.02659222668316057, 0.41997434161402614, 0.7864477329659274, 1.0, 0.7864477329659274,
                        0.41997434161402614, 0.02659222668316057});
        activation(x -> Functional.leakyRelu(x, 0.1),
                new double[] {-0.25, -0.1, -0.05, 0.0, 0.5, 1.0, 2.5},
                new double[] {0.1, 0.1, 0.1, 0.1, 1.0, 1.0, 1.0});
        activation(Tensor::erf,
                new double[] {-0.999593047982555, -0.8427007929497149, -0.5204998778130465, 0.0, 0.5204998778130465,
                        0.8427007929497149, 0.999593047982555},
                new double[] {0.00217828423035271, 0.4151074974205947, 0.8787825789354448, 1.1283791670955126,
                        0.8787825789354448, 0.4151074974205947, 0.00217828423035271});
    }

    @Test
    void reluGradientAtZeroIsZero() {
        Tensor x = Tensor.of(new double[] {-1, 0, 1}).requiresGrad(true);
        x.relu().sum().backward();
        assertArrayEquals(new double[] {0, 0, 1}, x.grad().toDoubleArray());
    }

    @Test
    void logSoftmaxOfLargeLogitsIsStable() {
        Tensor logits = Tensor.of(new float[][] {{1000, 0, -1000}, {1, 2, 3}});
        assertArrayEquals(new float[] {0, -1000, -2000, -2.4076058864593506f, -1.4076058864593506f,
                -0.40760594606399536f}, logits.logSoftmax(1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1, 0, 0}, logits.softmax(1).select(0, 0).toFloatArray());
    }

    @Test
    void sigmoidAtForty() {
        assertArrayEquals(new float[] {4.24835413113866e-18f, 1f},
                Tensor.of(new float[] {-40, 40}).sigmoid().toFloatArray(), 1e-24f);
        assertArrayEquals(new double[] {4.248354255291589e-18, 1.0},
                Tensor.of(new double[] {-40, 40}).sigmoid().toDoubleArray(), 1e-30);
        assertArrayEquals(new float[] {0f, 1f}, Tensor.of(new float[] {-1000, 1000}).sigmoid().toFloatArray());
    }

    @Test
    void logsumexpWithMinusInfinity() {
        float inf = Float.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new float[][] {{inf, inf}, {inf, 0}, {1, 2}});
        assertArrayEquals(new float[] {inf, 0, 2.3132617473602295f}, x.logsumexp(1, false).toFloatArray(), 1e-6f);
    }

    @Test
    void crossEntropyValueAndGradient() {
        Tensor logits = Tensor.of(new float[][] {{0.2f, -1.3f, 0.7f, 2.0f}, {1.5f, 0.1f, -0.4f, 0.3f},
                {-0.6f, 0.9f, 0.0f, -1.1f}}).requiresGrad(true);
        Tensor loss = Functional.crossEntropy(logits, Tensor.of(new long[] {3, 0, 1}));
        assertEquals(0.49523624777793884, loss.item(), 1e-6);
        assertEquals("NllLossBackward0", loss.gradFn().name());
        assertEquals("LogSoftmaxBackward0", loss.gradFn().nextFunctions().get(0).name());
        loss.backward();
        assertArrayEquals(new float[] {0.03736293315887451f, 0.00833679735660553f, 0.06160106509923935f,
                -0.1073007807135582f, -0.13694992661476135f, 0.04842755198478699f, 0.029372796416282654f,
                0.05914955586194992f, 0.042138949036598206f, -0.1444796919822693f, 0.07678216695785522f,
                0.02555856481194496f}, logits.grad().toFloatArray(), 1e-7f);
    }

    @Test
    void varianceAndStd() {
        Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(3.5, a.var().item(), 1e-6);
        assertArrayEquals(new float[] {1, 1}, a.var(new int[] {1}, 1, false).toFloatArray());
        assertArrayEquals(new float[] {2.1213202476501465f, 2.1213202476501465f, 2.1213202476501465f},
                a.std(new int[] {0}, 1, false).toFloatArray(), 1e-6f);
    }

    @Test
    void linspaceMatchesPyTorchBitForBit() {
        assertArrayEquals(new float[] {0.0f, 0.1666666716337204f, 0.3333333432674408f, 0.5f, 0.6666666269302368f,
                0.8333333134651184f, 1.0f}, Tensor.linspace(0, 1, 7).toFloatArray());
        assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 1}, Tensor.linspace(-1, 1, 5).toFloatArray());
    }

    @Test
    void layerNormValuesAndGradients() {
        Tensor x = Tensor.of(new float[][] {{1, 2, 4}, {0, -1, 3}}).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {1, 0.5f, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0, 1, -1}).requiresGrad(true);
        Tensor out = Functional.layerNorm(x, new int[] {3}, w, b);
        assertEquals("NativeLayerNormBackward0", out.gradFn().name());
        assertArrayEquals(new float[] {-1.06904137134552f, 0.8663698434829712f, 1.6726036071777344f,
                -0.3922315537929535f, 0.5097105503082275f, 1.7456212043762207f}, out.toFloatArray(), 1e-6f);
        out.mul(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}})).sum().backward();
        assertArrayEquals(new float[] {0.5726879835128784f, -0.859054684638977f, 0.2863653898239136f,
                -0.3168056011199951f, 0.2375938892364502f, 0.07921171188354492f}, x.grad().toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {-2.637967586517334f, -5.43741512298584f, 12.245769500732422f},
                w.grad().toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {5, 7, 9}, b.grad().toFloatArray());
    }

    @Test
    void whereWithAScalarBranch() {
        Tensor x = Tensor.of(new double[] {-1, 2, -3}).requiresGrad(true);
        Tensor y = Tensor.where(x.gt(0.0), x, 0.0);
        assertArrayEquals(new double[] {0, 2, 0}, y.toDoubleArray());
        y.sum().backward();
        assertArrayEquals(new double[] {0, 1, 0}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {-1, 5, -3}, Tensor.where(x.gt(0.0), 5.0, x).toDoubleArray());
    }
}
