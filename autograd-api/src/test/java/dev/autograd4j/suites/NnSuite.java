package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Generator;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.CrossEntropyLoss;
import dev.autograd4j.nn.Dropout;
import dev.autograd4j.nn.Embedding;
import dev.autograd4j.nn.Functional;
import dev.autograd4j.nn.GELU;
import dev.autograd4j.nn.Identity;
import dev.autograd4j.nn.Init;
import dev.autograd4j.nn.LayerNorm;
import dev.autograd4j.nn.LeakyReLU;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.LogSoftmax;
import dev.autograd4j.nn.MSELoss;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ModuleDict;
import dev.autograd4j.nn.ModuleList;
import dev.autograd4j.nn.NLLLoss;
import dev.autograd4j.nn.Parameter;
import dev.autograd4j.nn.Reduction;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.nn.Sigmoid;
import dev.autograd4j.nn.Softmax;
import dev.autograd4j.nn.Softplus;
import dev.autograd4j.nn.Tanh;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modules, parameters, state dicts, initialisers and loss modules on the suite's {@link #device()}. */
public abstract class NnSuite extends DeviceSuite {

    private static Sequential mlp(Generator gen) {
        return new Sequential(new Linear(2, 3, gen), new ReLU(), new Linear(3, 1, gen));
    }

    /** A module with a submodule, a parameter of its own and a buffer. */
    private static final class Scaled extends Module {
        final Linear inner;
        final Parameter scale;

        Scaled(Generator gen) {
            inner = registerModule("inner", new Linear(2, 2, gen));
            scale = registerParameter("scale", Tensor.of(new float[] {2}));
            registerBuffer("offset", Tensor.of(new float[] {0.5f, -0.5f}));
        }

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x).mul(scale.tensor()).add(buffer("offset"));
        }
    }

    @Test
    void linearIsXTimesWeightTransposedPlusBiasWithPyTorchsInitBounds() {
        Linear layer = new Linear(4, 3, new Generator(0));
        assertArrayEquals(new int[] {3, 4}, layer.weight().shape());
        assertArrayEquals(new int[] {3}, layer.bias().shape());
        assertEquals(device(), layer.weight().device());
        // nn.Linear's default init: weight and bias uniform on +-1/sqrt(in_features) = +-0.5.
        for (float v : layer.weight().tensor().toFloatArray()) {
            assertTrue(Math.abs(v) <= 0.5f, "weight " + v);
        }
        for (float v : layer.bias().tensor().toFloatArray()) {
            assertTrue(Math.abs(v) <= 0.5f, "bias " + v);
        }
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 1, 0}, 2, 4);
        assertArrayEquals(Functional.linear(x, layer.weight().tensor(), layer.bias().tensor()).toFloatArray(),
                layer.forward(x).toFloatArray());
        assertTrue(layer.weight().tensor().isLeaf() && layer.weight().requiresGrad());
        assertNull(new Linear(4, 3, false, new Generator(0)).bias());
    }

    @Test
    void sequentialNamesAndPrintsLikePyTorch() {
        Sequential model = mlp(new Generator(0));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(4, model.parameters().size());
        // repr(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))) in PyTorch 1.13:
        assertEquals("Sequential(\n"
                + "  (0): Linear(in_features=2, out_features=3, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Linear(in_features=3, out_features=1, bias=True)\n"
                + ")", model.toString());
        assertEquals("Sequential(\n"
                + "  (0): LayerNorm((4,), eps=1e-05, elementwise_affine=True)\n"
                + "  (1): GELU(approximate='none')\n"
                + "  (2): Embedding(10, 3, padding_idx=0)\n"
                + "  (3): Tanh()\n"
                + "  (4): Sigmoid()\n"
                + "  (5): Linear(in_features=2, out_features=2, bias=False)\n"
                + ")", new Sequential(new LayerNorm(4), new GELU(), new Embedding(10, 3, 0, new Generator(0)),
                new Tanh(), new Sigmoid(), new Linear(2, 2, false, new Generator(0))).toString());
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f, 3}, 2, 2);
        Tensor expected = ((Linear) model.get(2)).forward(((Linear) model.get(0)).forward(x).relu());
        assertArrayEquals(expected.toFloatArray(), model.forward(x).toFloatArray());
    }

    @Test
    void parametersBuffersAndSubmodulesAreFoundByName() {
        Scaled m = new Scaled(new Generator(1));
        assertEquals(List.of("scale", "inner.weight", "inner.bias"), List.copyOf(m.namedParameters().keySet()),
                "a module's own parameters first, then its children's, as PyTorch's named_parameters");
        assertEquals(List.of("offset"), List.copyOf(m.namedBuffers().keySet()));
        assertEquals(List.of("scale", "offset", "inner.weight", "inner.bias"), List.copyOf(m.stateDict().keySet()),
                "PyTorch's state_dict order: each module's parameters and buffers, then its children's");
        assertEquals(List.of("", "inner"), List.copyOf(m.namedModules().keySet()));
        Sequential shared = new Sequential(m.inner, m.inner);
        assertEquals(2, shared.parameters().size(), "a module registered twice: its parameters count once");
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(shared.stateDict().keySet()),
                "but the state dict names it under both paths, as PyTorch's state_dict does");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("a.b", Tensor.ones(1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e.getMessage().startsWith("[register_parameter]") && e.getMessage().contains("'a.b'"), e.getMessage());
    }

    @Test
    void trainAndEvalSwitchDropoutInEverySubmodule() {
        Dropout dropout = new Dropout(0.5, new Generator(3));
        Sequential model = new Sequential(new Linear(4, 4, new Generator(0)), dropout);
        Tensor x = Tensor.ones(8, 4);
        assertTrue(dropout.isTraining());
        model.eval();
        assertTrue(!dropout.isTraining() && !model.isTraining());
        Tensor h = model.get(0).forward(x);
        assertArrayEquals(h.toFloatArray(), model.forward(x).toFloatArray(), "eval: dropout passes its input");
        model.train();
        float[] dropped = dropout.forward(Tensor.ones(1000)).toFloatArray();
        int zeros = 0;
        for (float v : dropped) {
            assertTrue(v == 0 || v == 2, "kept values are scaled by 1 / (1 - p): " + v);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 400 && zeros < 600, "about half dropped: " + zeros);
    }

    @Test
    void zeroGradClearsOrZeroesEveryParameter() {
        Sequential model = mlp(new Generator(0));
        model.forward(Tensor.ones(1, 2)).sum().backward();
        model.zeroGrad(false);
        for (Parameter p : model.parameters()) {
            assertEquals(0.0, p.grad().abs().sum().item());
        }
        model.zeroGrad();
        for (Parameter p : model.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void aStateDictLoadsIntoAnotherModelAndKeepsItsParameters() {
        Scaled source = new Scaled(new Generator(1)), target = new Scaled(new Generator(2));
        Tensor x = Tensor.of(new float[] {1, 2, -3, 0.5f}, 2, 2);
        assertNotEquals(source.forward(x).toFloatArray()[0], target.forward(x).toFloatArray()[0]);
        Parameter weight = target.inner.weight();
        Module.LoadResult result = target.loadStateDict(source.stateDict());
        assertTrue(result.missingKeys().isEmpty() && result.unexpectedKeys().isEmpty());
        assertArrayEquals(source.forward(x).toFloatArray(), target.forward(x).toFloatArray());
        assertSame(weight, target.inner.weight(), "loading copies into the parameters, as load_state_dict does");
        assertTrue(weight.tensor().isLeaf() && weight.requiresGrad());
    }

    @Test
    void aBadStateDictIsOneErrorThatNamesEveryProblemAndLoadsNothing() {
        Sequential model = mlp(new Generator(0));
        float[] before = model.parameters().get(0).tensor().toFloatArray();
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("0.weight", Tensor.zeros(3, 3));
        bad.put("x", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(bad));
        // PyTorch: Missing key(s) "0.bias", "2.weight", "2.bias"; Unexpected key(s) "x"; size mismatch for 0.weight.
        assertEquals("[load_state_dict] error(s) in loading the state dict for Sequential: missing keys [0.bias,"
                + " 2.weight, 2.bias]; unexpected keys [x]; size mismatch for 0.weight: [3, 3] in the state dict,"
                + " [3, 2] in the module", e.getMessage());
        assertArrayEquals(before, model.parameters().get(0).tensor().toFloatArray(), "nothing was loaded");

        Map<String, Tensor> partial = new LinkedHashMap<>();
        partial.put("0.bias", Tensor.of(new float[] {1, 2, 3}));
        partial.put("extra", Tensor.zeros(1));
        Module.LoadResult r = model.loadStateDict(partial, false);
        assertEquals(List.of("0.weight", "2.weight", "2.bias"), r.missingKeys());
        assertEquals(List.of("extra"), r.unexpectedKeys());
        assertArrayEquals(new float[] {1, 2, 3}, ((Linear) model.get(0)).bias().tensor().toFloatArray());
    }

    @Test
    void toMovesParametersGradsAndBuffersKeepingTheParameterObjects() {
        Scaled m = new Scaled(new Generator(1));
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        m.forward(x).sum().backward();
        Parameter scale = m.scale;
        float[] grad = scale.grad().toFloatArray();
        m.to(DType.FLOAT64);
        assertSame(scale, m.scale);
        assertEquals(DType.FLOAT64, scale.dtype());
        assertEquals(DType.FLOAT64, scale.grad().dtype());
        assertEquals(DType.FLOAT64, m.namedBuffers().get("offset").dtype());
        assertArrayEquals(new double[] {grad[0]}, scale.grad().toDoubleArray(), 1e-6);
        assertTrue(scale.tensor().isLeaf() && scale.requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> m.to(DType.INT64));

        Device other = secondDevice();
        Assumptions.assumeTrue(other != null, this::noSecondDevice);
        double[] y = m.forward(x.to(DType.FLOAT64)).toDoubleArray();
        m.to(other);
        assertSame(scale, m.scale);
        assertEquals(other, scale.device());
        assertEquals(other, scale.grad().device());
        assertEquals(other, m.namedBuffers().get("offset").device());
        assertTrue(scale.tensor().isLeaf() && scale.requiresGrad());
        assertArrayEquals(y, m.forward(x.to(DType.FLOAT64).to(other)).toDoubleArray());
    }

    @Test
    void layersComputeWhatTheirFunctionsDo() {
        Tensor x = Tensor.of(new float[] {-1, 0.5f, 2, 3, -0.25f, 1}, 2, 3);
        assertArrayEquals(x.tanh().toFloatArray(), new Tanh().forward(x).toFloatArray());
        assertArrayEquals(x.sigmoid().toFloatArray(), new Sigmoid().forward(x).toFloatArray());
        assertArrayEquals(Functional.gelu(x, "tanh").toFloatArray(), new GELU("tanh").forward(x).toFloatArray());
        assertArrayEquals(Functional.layerNorm(x, new int[] {3}, null, null).toFloatArray(),
                new LayerNorm(3).forward(x).toFloatArray(), "weight 1 and bias 0 at first");
        Embedding emb = new Embedding(5, 2, 0, new Generator(4));
        assertArrayEquals(new float[] {0, 0}, emb.weight().tensor().select(0, 0).toFloatArray(),
                "the padding row starts at zeros");
        Tensor rows = emb.forward(Tensor.of(new long[] {0, 3, 3}));
        assertArrayEquals(new int[] {3, 2}, rows.shape());
        rows.sum().backward();
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 2, 2, 0, 0}, emb.weight().grad().toFloatArray(),
                "row 3 was used twice, the padding row gets nothing");
    }

    @Test
    void initialisersHavePyTorchsGainsAndSpreads() {
        // nn.init.calculate_gain in PyTorch 1.13.
        assertEquals(1.6666666666666667, Init.calculateGain(Init.Nonlinearity.TANH), 1e-15);
        assertEquals(1.4142135623730951, Init.calculateGain(Init.Nonlinearity.RELU), 1e-15);
        assertEquals(1.3867504905630728, Init.calculateGain(Init.Nonlinearity.LEAKY_RELU, 0.2), 1e-15);
        assertEquals(0.75, Init.calculateGain(Init.Nonlinearity.SELU));
        assertArrayEquals(new long[] {12, 15}, Init.fans(Tensor.zeros(5, 4, 3)), "fans times the receptive field");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.fans(Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("[init] fan in and fan out can not be computed"), e.getMessage());

        Generator gen = new Generator(11);
        // Kaiming uniform, relu, fan in 300: bound sqrt(2) * sqrt(3 / 300) = 0.1414...
        Tensor w = Init.kaimingUniform_(Tensor.zeros(200, 300), 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, gen);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 300);
        assertTrue(w.abs().max().item() <= bound && w.abs().max().item() > 0.99 * bound);
        // Xavier normal: std sqrt(2 / (300 + 200)) = 0.0632...; 60,000 draws estimate it within 1%.
        Tensor n = Init.xavierNormal_(Tensor.zeros(200, 300), gen);
        assertEquals(Math.sqrt(2.0 / 500), n.std().item(), 0.01 * Math.sqrt(2.0 / 500));
        assertEquals(0.0, n.mean().item(), 0.001);
        Tensor k = Init.kaimingNormal_(Tensor.zeros(200, 300), 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.TANH, gen);
        assertEquals(5.0 / 3 / Math.sqrt(200), k.std().item(), 0.01 * 5.0 / 3 / Math.sqrt(200));
        Tensor u = Init.uniform_(Tensor.zeros(1000), -2, 3, gen);
        assertTrue(u.min().item() >= -2 && u.max().item() < 3);
        assertEquals(device(), u.device());
    }

    @Test
    void sequentialIndexesLikeAPythonList() {
        // PyTorch 1.13: nn.Sequential(a, nn.ReLU(), b)[-1] is b; [3] raises IndexError "index 3 is out of range".
        Linear a = new Linear(2, 2, new Generator(0)), b = new Linear(2, 1, new Generator(1));
        Sequential s = new Sequential(a, new ReLU(), b);
        assertSame(b, s.get(-1));
        assertSame(a, s.get(-3));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertEquals("[Sequential] index 3 is out of range for 3 modules", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-4));
    }

    @Test
    void kaimingOfAZeroElementTensorIsANoOp() {
        // PyTorch 1.13: kaiming_uniform_(torch.empty(3, 0)) and kaiming_normal_(torch.empty(0, 3), mode='fan_out')
        // warn "Initializing zero-element tensors is a no-op" and return the tensor; ours failed on the zero fan.
        Tensor a = Tensor.zeros(3, 0), b = Tensor.zeros(0, 3);
        assertSame(a, Init.kaimingUniform_(a, new Generator(0)));
        assertSame(b, Init.kaimingNormal_(b, 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.LEAKY_RELU, new Generator(0)));
        assertArrayEquals(new int[] {3, 0}, a.shape());
    }

    @Test
    void lossModulesAreTheirFunctions() {
        Tensor logits = Tensor.of(new float[] {0.2f, -1.3f, 0.7f, 2.0f, 1.5f, 0.1f, -0.4f, 0.3f, -0.6f, 0.9f, 0.0f,
                -1.1f}, 3, 4);
        Tensor target = Tensor.of(new long[] {3, 0, 1});
        // PyTorch 1.13: nn.CrossEntropyLoss(label_smoothing=0.1)(logits, target) = 0.6227362155914307.
        assertEquals(0.6227362155914307, new CrossEntropyLoss().labelSmoothing(0.1).forward(logits, target).item(), 1e-6);
        assertEquals(0.49523624777793884, new CrossEntropyLoss().forward(logits, target).item(), 1e-6);
        assertEquals(Functional.nllLoss(logits.logSoftmax(1), target, null, Reduction.SUM, -100).item(),
                new NLLLoss().reduction(Reduction.SUM).forward(logits.logSoftmax(1), target).item());
        assertEquals(Functional.mseLoss(logits, logits.mul(0.5)).item(), new MSELoss().forward(logits, logits.mul(0.5))
                .item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().labelSmoothing(2));
        assertTrue(e.getMessage().startsWith("[CrossEntropyLoss] label_smoothing"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Containers (PyTorch 1.13's nn.ModuleList and nn.ModuleDict)
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void moduleListRegistersItsModulesByIndexAsPyTorch() {
        Generator gen = new Generator(0);
        Linear first = new Linear(2, 3, gen), last = new Linear(3, 1, gen);
        ModuleList list = new ModuleList(first, new ReLU(), last);
        // [n for n, _ in nn.ModuleList([nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)]).named_parameters()]
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(list.namedParameters().keySet()));
        assertEquals(3, list.size());
        assertSame(last, list.get(-1));
        assertSame(first, list.get(-3));
        List<Module> seen = new java.util.ArrayList<>();
        list.forEach(seen::add);
        assertEquals(List.of(first, list.get(1), last), seen);
        // IndexError: index 3 is out of range / index -4 is out of range
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(3));
        assertEquals("[ModuleList] index 3 is out of range for 3 modules", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-4));
        // NotImplementedError: Module [ModuleList] is missing the required "forward" function
        assertThrows(UnsupportedOperationException.class, () -> list.forward(Tensor.zeros(1)));
        assertEquals("ModuleList(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n"
                + "  (2): Linear(in_features=3, out_features=1, bias=True)\n)", list.toString());
        assertEquals("ModuleList()", new ModuleList().toString());
    }

    @Test
    void moduleListInsertAndRemoveRenumberAsPyTorch() {
        Generator gen = new Generator(0);
        Linear a = new Linear(2, 3, gen), b = new Linear(3, 1, gen);
        Tanh tanh = new Tanh();
        ModuleList list = new ModuleList(a, new ReLU(), b);
        list.insert(1, tanh);
        // ml.insert(1, nn.Tanh()): keys ['0', '1', '2', '3'], modules Linear, Tanh, ReLU, Linear
        assertEquals(List.of("0", "1", "2", "3"), List.copyOf(list.namedChildren().keySet()));
        assertSame(tanh, list.get(1));
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(list.namedParameters().keySet()));
        // del ml[0]: named_parameters() == ['2.weight', '2.bias']
        assertSame(a, list.remove(0));
        assertEquals(List.of("2.weight", "2.bias"), List.copyOf(list.namedParameters().keySet()));
        assertSame(tanh, list.get(0));
        // ml[0] = nn.Sigmoid() replaces in place; ml[5] = ... raises IndexError
        Sigmoid sigmoid = new Sigmoid();
        assertSame(tanh, list.set(0, sigmoid));
        assertSame(sigmoid, list.namedChildren().get("0"));
        assertThrows(IndexOutOfBoundsException.class, () -> list.set(5, new ReLU()));
        assertThrows(IndexOutOfBoundsException.class, () -> list.insert(-1, new ReLU()), "PyTorch 1.13 fails too");
        assertThrows(IndexOutOfBoundsException.class, () -> list.insert(4, new ReLU()));
        assertEquals(3, list.size(), "failed calls change nothing");
        list.insert(3, new ReLU());
        assertEquals(4, list.size());
    }

    @Test
    void moduleListModulesTrainMoveAndLoadWithTheirOwner() {
        Generator gen = new Generator(0);
        Linear shared = new Linear(2, 2, gen);
        ModuleList list = new ModuleList(List.of(shared, shared, new Dropout(0.5)));
        // nn.ModuleList([l, l]): the shared layer's parameters count once, the state dict has both names
        assertEquals(2, list.parameters().size());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(list.stateDict().keySet()));
        list.eval();
        assertTrue(!list.get(2).isTraining() && !shared.isTraining(), "eval reaches the modules in the list");
        list.train();
        assertTrue(list.get(2).isTraining());
        list.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, shared.weight().tensor().dtype());
    }

    @Test
    void moduleDictKeepsInsertionOrderAndReplacesInPlaceAsPyTorch() {
        Generator gen = new Generator(0);
        Map<String, Module> init = new LinkedHashMap<>();
        init.put("b", new Linear(1, 1, gen));
        init.put("a", new ReLU());
        ModuleDict dict = new ModuleDict(init);
        // list(nn.ModuleDict({'b': nn.Linear(1, 1), 'a': nn.ReLU()}).keys()) == ['b', 'a']
        assertEquals(List.of("b", "a"), dict.keys());
        // d['b'] = nn.Tanh(): keys stay ['b', 'a']; d['c'] = nn.Linear(1, 2): named_parameters() == ['c.weight', 'c.bias']
        dict.put("b", new Tanh());
        assertEquals(List.of("b", "a"), dict.keys());
        dict.put("c", new Linear(1, 2, gen));
        assertEquals(List.of("c.weight", "c.bias"), List.copyOf(dict.namedParameters().keySet()));
        assertTrue(dict.get("b") instanceof Tanh);
        assertTrue(dict.containsKey("a") && !dict.containsKey("x"));
        // d['x']: KeyError 'x'; d['a.b'] = ...: KeyError module name can't contain "."; d[''] = ...: can't be empty
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dict.get("x"));
        assertEquals("[ModuleDict] no module named 'x' (keys: [b, a, c])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dict.put("a.b", new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> dict.put("", new ReLU()));
        // d.pop('a'): keys ['b', 'c']
        assertTrue(dict.remove("a") instanceof ReLU);
        assertEquals(List.of("b", "c"), dict.keys());
        assertEquals(2, dict.size());
        assertThrows(UnsupportedOperationException.class, () -> dict.forward(Tensor.zeros(1)));
        dict.eval();
        assertTrue(!dict.get("c").isTraining());
        dict.clear();
        assertEquals(0, dict.size());
        assertTrue(dict.parameters().isEmpty());
    }

    @Test
    void identitySoftmaxAndLogSoftmaxModulesMatchPyTorch() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, -1, 0, 4}, 2, 3);
        // nn.Identity()(x) is x
        assertSame(x, new Identity().forward(x));
        // nn.Softmax(dim=1)(x), nn.LogSoftmax(dim=0)(x)
        assertArrayEquals(new float[] {0.09003057330846786f, 0.2447284758090973f, 0.6652409434318542f,
                0.006573262624442577f, 0.017867980524897575f, 0.9755586981773376f},
                new Softmax(1).forward(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.12692804634571075f, -0.12692804634571075f, -1.31326162815094f,
                -2.1269280910491943f, -2.1269280910491943f, -0.31326165795326233f},
                new LogSoftmax(0).forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new Softmax(1).forward(x).toFloatArray(), new Softmax(-1).forward(x).toFloatArray());
        // repr: Softmax(dim=-1) LogSoftmax(dim=1) Identity()
        assertEquals("Softmax(dim=-1)", new Softmax(-1).toString());
        assertEquals("LogSoftmax(dim=1)", new LogSoftmax(1).toString());
        assertEquals("Identity()", new Identity().toString());
        // nn.Softmax(dim=2)(x): IndexError: Dimension out of range
        assertThrows(RuntimeException.class, () -> new Softmax(2).forward(x));
        // In a Sequential: Linear, then LogSoftmax over the classes
        Sequential model = new Sequential(new Linear(3, 4, new Generator(0)), new Identity(), new LogSoftmax(-1));
        Tensor out = model.forward(x);
        assertArrayEquals(new float[] {1, 1}, out.exp().sum(1).toFloatArray(), 1e-6f);
    }

    @Test
    void applyVisitsChildrenFirstAndRequiresGradFreezesAsPyTorch() {
        Generator gen = new Generator(0);
        Sequential inner = new Sequential(new ReLU(), new Linear(2, 1, gen));
        Sequential model = new Sequential(new Linear(2, 2, gen), inner);
        // m.apply(lambda x: order.append(type(x).__name__)): ['Linear', 'ReLU', 'Linear', 'Sequential', 'Sequential']
        List<String> order = new java.util.ArrayList<>();
        assertSame(model, model.apply(m -> order.add(m.getClass().getSimpleName())));
        assertEquals(List.of("Linear", "ReLU", "Linear", "Sequential", "Sequential"), order);
        // m.requires_grad_(False); m[1].requires_grad_(True): [False, False, True, True]; after backward only the
        // unfrozen layer has gradients
        model.requiresGrad(false);
        inner.requiresGrad(true);
        assertEquals(List.of(false, false, true, true), model.parameters().stream().map(Parameter::requiresGrad).toList());
        model.forward(Tensor.ones(1, 2)).sum().backward();
        assertEquals(List.of(true, true, false, false), model.parameters().stream().map(p -> p.grad() == null).toList());
    }

    @Test
    void leakyReluAndSoftplusModulesMatchPyTorch() {
        Tensor x = Tensor.of(new float[] {-30, -1, 0, 0.5f, 15, 30});
        // nn.LeakyReLU()(x), nn.LeakyReLU(0.2)(x)
        assertArrayEquals(new float[] {-0.29999998211860657f, -0.009999999776482582f, 0, 0.5f, 15, 30},
                new LeakyReLU().forward(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-6, -0.20000000298023224f, 0, 0.5f, 15, 30},
                new LeakyReLU(0.2).forward(x).toFloatArray(), 1e-6f);
        // nn.Softplus()(x), nn.Softplus(2, 10)(x)
        assertArrayEquals(new float[] {9.357622912219837e-14f, 0.3132616877555847f, 0.6931471824645996f,
                0.9740769863128662f, 15, 30}, new Softplus().forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {4.37825544636038e-27f, 0.06346400082111359f, 0.3465735912322998f,
                0.65663081407547f, 15, 30}, new Softplus(2, 10).forward(x).toFloatArray(), 1e-6f);
        // repr: LeakyReLU(negative_slope=0.01) Softplus(beta=1, threshold=20) Softplus(beta=2, threshold=10)
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("Softplus(beta=1, threshold=20)", new Softplus().toString());
        assertEquals("Softplus(beta=2, threshold=10)", new Softplus(2, 10).toString());
    }

    @Test
    void sequentialInsertPopExtendAndSetAsPyTorch() {
        Generator gen = new Generator(0);
        Sequential seq = new Sequential(new ReLU(), new Tanh(), new Linear(2, 2, gen));
        // s.insert(-1, nn.Sigmoid()): ReLU, Tanh, Sigmoid, Linear; named_parameters() == ['3.weight', '3.bias']
        seq.insert(-1, new Sigmoid());
        assertTrue(seq.get(2) instanceof Sigmoid);
        assertEquals(List.of("3.weight", "3.bias"), List.copyOf(seq.namedParameters().keySet()));
        // s.pop(0) is the ReLU; then ['2.weight', '2.bias']
        assertTrue(seq.remove(0) instanceof ReLU);
        assertEquals(List.of("2.weight", "2.bias"), List.copyOf(seq.namedParameters().keySet()));
        // s.extend([nn.ReLU()]): 4 modules; s.insert(6, ...): IndexError: Index out of range: 6
        seq.addAll(List.of(new ReLU()));
        assertEquals(4, seq.size());
        assertThrows(IndexOutOfBoundsException.class, () -> seq.insert(6, new ReLU()));
        // s[0] = nn.ELU()
        seq.set(0, new dev.autograd4j.nn.ELU());
        assertEquals("Sequential(\n  (0): ELU(alpha=1.0)\n  (1): Sigmoid()\n  (2): Linear(in_features=2, out_features=2,"
                + " bias=True)\n  (3): ReLU()\n)", seq.toString());
        assertArrayEquals(new int[] {1, 2}, seq.forward(Tensor.ones(1, 2)).shape());
    }

    /** A model holding a ModuleList and a ModuleDict, as a user writes one. */
    private static final class Blocks extends Module {
        final ModuleList layers;
        final ModuleDict heads;

        Blocks(Generator gen) {
            layers = registerModule("layers", new ModuleList(new Linear(2, 3, gen), new Linear(3, 3, gen)));
            heads = registerModule("heads", new ModuleDict());
            heads.put("cls", new Linear(3, 2, gen)).put("reg", new Linear(3, 1, gen));
        }

        @Override
        public Tensor forward(Tensor x) {
            for (Module layer : layers) {
                x = layer.forward(x).relu();
            }
            return heads.get("cls").forward(x);
        }
    }

    @Test
    void aModelWithContainersSavesAndLoadsThroughSafetensors() {
        Blocks model = new Blocks(new Generator(0));
        // PyTorch's keys for the same model: layers.0.weight, ..., heads.cls.weight, heads.reg.bias
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "heads.cls.weight",
                "heads.cls.bias", "heads.reg.weight", "heads.reg.bias"), List.copyOf(model.stateDict().keySet()));
        Map<String, Tensor> saved = dev.autograd4j.io.Safetensors.fromBytes(
                dev.autograd4j.io.Safetensors.toBytes(model.stateDict(), Map.of())).tensors();
        Blocks other = new Blocks(new Generator(1));
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f, 3}, 2, 2);
        assertNotEquals(model.forward(x).toFloatArray()[0], other.forward(x).toFloatArray()[0]);
        other.loadStateDict(saved);
        assertArrayEquals(model.forward(x).toFloatArray(), other.forward(x).toFloatArray());
        other.eval();
        assertTrue(!other.heads.get("reg").isTraining() && !other.layers.get(1).isTraining());
    }
}
