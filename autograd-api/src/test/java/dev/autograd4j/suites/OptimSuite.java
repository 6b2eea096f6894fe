package dev.autograd4j.suites;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.Scope;
import dev.autograd4j.Tensor;
import dev.autograd4j.Tensors;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.nn.Parameter;
import dev.autograd4j.optim.Adadelta;
import dev.autograd4j.optim.Adagrad;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.AdamW;
import dev.autograd4j.optim.Adamax;
import dev.autograd4j.optim.Clipping;
import dev.autograd4j.optim.ConstantLR;
import dev.autograd4j.optim.CosineAnnealingLR;
import dev.autograd4j.optim.CosineAnnealingWarmRestarts;
import dev.autograd4j.optim.CyclicLR;
import dev.autograd4j.optim.ExponentialLR;
import dev.autograd4j.optim.LRScheduler;
import dev.autograd4j.optim.LambdaLR;
import dev.autograd4j.optim.LinearLR;
import dev.autograd4j.optim.MultiStepLR;
import dev.autograd4j.optim.MultiplicativeLR;
import dev.autograd4j.optim.OneCycleLR;
import dev.autograd4j.optim.PolynomialLR;
import dev.autograd4j.optim.Optimizer;
import dev.autograd4j.optim.RAdam;
import dev.autograd4j.optim.RMSprop;
import dev.autograd4j.optim.ReduceLROnPlateau;
import dev.autograd4j.optim.SGD;
import dev.autograd4j.optim.SequentialLR;
import dev.autograd4j.optim.StepLR;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optimizers, learning-rate schedulers and gradient clipping on the suite's {@link #device()}, against numbers
 * PyTorch 1.13 printed for the same calls.
 *
 * <p>The optimizer cases minimise {@code loss = 0.5 * sum(c * w^2) + sum(d * w)} from {@code w = [1, -2, 3]} with
 * {@code c = [0.5, 1, 2]}, {@code d = [0.3, -0.1, 0.2]}, three steps, each after {@code zero_grad()} and
 * {@code loss.backward()}; the expected rows are {@code w} after each step, as PyTorch printed them in float64.
 */
public abstract class OptimSuite extends DeviceSuite {

    private double[][] run(DType dtype, int steps, Function<List<Parameter>, Optimizer<?>> make) {
        Parameter w = new Parameter(Tensor.of(new double[] {1, -2, 3}).to(dtype));
        Tensor c = Tensor.of(new double[] {0.5, 1, 2}).to(dtype), d = Tensor.of(new double[] {0.3, -0.1, 0.2}).to(dtype);
        Optimizer<?> opt = make.apply(List.of(w));
        double[][] out = new double[steps][];
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            Tensor x = w.tensor();
            c.mul(x).mul(x).sum().mul(0.5).add(d.mul(x).sum()).backward();
            opt.step();
            out[s] = w.tensor().toDoubleArray();
            assertEquals(device(), w.device());
            assertTrue(w.tensor().isLeaf() && w.requiresGrad(), "the parameter stays a leaf that requires grad");
        }
        return out;
    }

    private static void assertSteps(double[][] expected, double[][] actual, double tolerance) {
        for (int s = 0; s < expected.length; s++) {
            assertArrayEquals(expected[s], actual[s], tolerance, "step " + (s + 1));
        }
    }

    @Test
    void sgdMatchesPyTorch() {
        // torch.optim.SGD(p, lr=0.1)
        assertSteps(new double[][] {{0.92, -1.79, 2.38}, {0.844, -1.601, 1.884}, {0.7718, -1.4309, 1.4872}},
                run(DType.FLOAT64, 3, p -> new SGD(p, new SGD.Options().lr(0.1))), 1e-14);
    }

    @Test
    void sgdWithMomentumDampeningAndWeightDecayMatchesPyTorch() {
        // torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)
        assertSteps(new double[][] {{0.919, -1.788, 2.377}, {0.7769179, -1.4256708, 1.3683006999999998},
                {0.58638347839, -0.96098104428, 0.19494573336999974}},
                run(DType.FLOAT64, 3, p -> new SGD(p, new SGD.Options().lr(0.1).momentum(0.9).dampening(0.1)
                        .weightDecay(0.01))), 1e-14);
    }

    @Test
    void sgdNesterovMatchesPyTorch() {
        // torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
        assertSteps(new double[][] {{0.8461, -1.5972, 1.8162999999999998},
                {0.6415029099999999, -1.0999773199999998, 0.5800250299999997},
                {0.4040398870209999, -0.5765767402919998, -0.4455653319570002}},
                run(DType.FLOAT64, 3, p -> new SGD(p, new SGD.Options().lr(0.1).momentum(0.9).nesterov(true)
                        .weightDecay(0.01))), 1e-14);
    }

    @Test
    void adamMatchesPyTorch() {
        // torch.optim.Adam(p, lr=0.1)
        assertSteps(new double[][] {{0.90000000125, -1.9000000004761906, 2.9000000001612904},
                {0.8002200736224936, -1.800156845945396, 2.800098885496118},
                {0.7008293242469825, -1.7005866021149054, 2.7003671459298215}},
                run(DType.FLOAT64, 3, p -> new Adam(p, new Adam.Options().lr(0.1))), 1e-14);
    }

    @Test
    void adamInFloat32MatchesPyTorchInFloat32() {
        // The same in float32: PyTorch's float32 values, to float32's precision.
        assertSteps(new double[][] {{0.8999999761581421, -1.899999976158142, 2.9000000953674316},
                {0.8002200126647949, -1.800156831741333, 2.8000988960266113},
                {0.700829267501831, -1.7005865573883057, 2.7003672122955322}},
                run(DType.FLOAT32, 3, p -> new Adam(p, new Adam.Options().lr(0.1))), 1e-6);
    }

    @Test
    void adamWithAmsgradAndWeightDecayMatchesPyTorch() {
        // torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.9), weight_decay=0.1, amsgrad=True)
        assertSteps(new double[][] {{0.9000000011111111, -1.9000000004347826, 2.900000000153846},
                {0.8002613534278074, -1.8001734016397672, 2.80010955092523},
                {0.7009853793154011, -1.7006469598861917, 2.700405479105091}},
                run(DType.FLOAT64, 3, p -> new Adam(p, new Adam.Options().lr(0.1).betas(0.8, 0.9).weightDecay(0.1)
                        .amsgrad(true))), 1e-14);
    }

    @Test
    void adamWMatchesPyTorch() {
        // torch.optim.AdamW(p, lr=0.1, weight_decay=0.1): the weights shrink by lr * wd before Adam's step.
        assertSteps(new double[][] {{0.89000000125, -1.8800000004761905, 2.87000000016129},
                {0.7813487745947257, -1.7613964901890649, 2.7414345511410354},
                {0.6742226034991023, -1.6443210681922988, 2.614385315428969}},
                run(DType.FLOAT64, 3, p -> new AdamW(p, AdamW.defaults().lr(0.1).weightDecay(0.1))), 1e-14);
        // Five steps in float32.
        double[][] f32 = run(DType.FLOAT32, 5, p -> new AdamW(p, AdamW.defaults().lr(0.1).weightDecay(0.1)));
        assertArrayEquals(new double[] {0.46533870697021484, -1.415331244468689, 2.3651814460754395}, f32[4], 1e-6);
        assertEquals(0.01, AdamW.defaults().weightDecay(), "PyTorch's AdamW default weight decay");
    }

    @Test
    void rmspropMatchesPyTorch() {
        // torch.optim.RMSprop(p): PyTorch's defaults (lr 0.01, alpha 0.99, eps 1e-8)
        assertSteps(new double[][] {{0.9000000124999985, -1.9000000047619046, 2.900000001612903},
                {0.8314231707116044, -1.8308529563525644, 2.8302776072472704},
                {0.7764720979047792, -1.7751382513265963, 2.7737957137484694}},
                run(DType.FLOAT64, 3, p -> new RMSprop(p, new RMSprop.Options())), 1e-14);
        // torch.optim.RMSprop(p, lr=0.1, momentum=0.9)
        assertSteps(new double[][] {{1.2499998470749675e-07, -1.0000000476190458, 2.0000000161290323},
                {-1.2526725933049527, 0.36583821068169053, 0.5372197866719577},
                {-2.0203266243002918, 1.4826632208832837, -0.9484383325219718}},
                run(DType.FLOAT64, 3, p -> new RMSprop(p, new RMSprop.Options().lr(0.1).momentum(0.9))), 1e-13);
        // torch.optim.RMSprop(p, lr=0.1, centered=True, eps=0.1): eps is added after the square root
        assertSteps(new double[][] {{0.5545632089198602, -1.3202725578180594, 2.1351558986393835},
                {0.2620771948396149, -0.9147265195192171, 1.6119533197856208},
                {0.05223088427683631, -0.6385075017048845, 1.2397961129736084}},
                run(DType.FLOAT64, 3, p -> new RMSprop(p, new RMSprop.Options().lr(0.1).centered(true).eps(0.1))),
                1e-14);
    }

    @Test
    void rmspropWithEverythingMatchesPyTorch() {
        // torch.optim.RMSprop(p, lr=0.1, alpha=0.9, weight_decay=0.1, momentum=0.5, centered=True)
        assertSteps(new double[][] {{0.6666666790123451, -1.6666666714975844, 2.6666666683760685},
                {0.277636573927868, -1.2671883919168982, 2.2593604429708463},
                {-0.06580687151715243, -0.8923944374722655, 1.8619714994322445}},
                run(DType.FLOAT64, 3, p -> new RMSprop(p, new RMSprop.Options().lr(0.1).alpha(0.9).weightDecay(0.1)
                        .momentum(0.5).centered(true))), 1e-13);
        // torch.optim.RMSprop(p, lr=0.1, momentum=0.9, centered=True), five steps in float32
        double[][] f32 = run(DType.FLOAT32, 5, p -> new RMSprop(p, new RMSprop.Options().lr(0.1).momentum(0.9)
                .centered(true)));
        assertArrayEquals(new double[] {-1.611774206161499, 1.8642494678497314, -2.62618088722229}, f32[4], 1e-5);
    }

    @Test
    void rmspropKeepsPyTorchsStateNames() {
        Parameter w = new Parameter(Tensor.of(new double[] {1, 2}));
        RMSprop opt = new RMSprop(List.of(w), new RMSprop.Options().momentum(0.9).centered(true));
        w.tensor().square().sum().backward();
        opt.step();
        // PyTorch 1.13: list(opt.state[w].keys()) == ['step', 'square_avg', 'momentum_buffer', 'grad_avg']
        assertEquals(List.of("state.0.square_avg", "state.0.momentum_buffer", "state.0.grad_avg", "state.0.step"),
                opt.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).toList());
        RMSprop plain = new RMSprop(List.of(w), new RMSprop.Options());
        plain.step();
        assertEquals(List.of("state.0.square_avg", "state.0.step"),
                plain.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).toList(),
                "no momentum buffer or gradient average when they are off");
    }

    @Test
    void adagradMatchesPyTorch() {
        // torch.optim.Adagrad(p): PyTorch's defaults (lr 0.01, eps 1e-10)
        assertSteps(new double[][] {{0.99000000000125, -1.9900000000004763, 2.9900000000001614},
                {0.9829511331811206, -1.982945828336022, 2.9829403647736106},
                {0.9772068353375574, -1.9771945467140648, 2.9771818939440085}},
                run(DType.FLOAT64, 3, p -> new Adagrad(p, new Adagrad.Options())), 1e-14);
        // torch.optim.Adagrad(p, lr=0.5, lr_decay=0.1, weight_decay=0.1, initial_accumulator_value=0.5, eps=1e-3)
        assertSteps(new double[][] {{0.6071763860875604, -1.5222748457178192, 2.5030085883800655},
                {0.3791753696894282, -1.252583117301178, 2.211807568569205},
                {0.22500198549646055, -1.068005986598479, 2.005792441385271}},
                run(DType.FLOAT64, 3, p -> new Adagrad(p, new Adagrad.Options().lr(0.5).lrDecay(0.1).weightDecay(0.1)
                        .initialAccumulatorValue(0.5).eps(1e-3))), 1e-14);
        // torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01), five steps in float32
        double[][] f32 = run(DType.FLOAT32, 5, p -> new Adagrad(p, new Adagrad.Options().lr(0.1).lrDecay(0.01)));
        assertArrayEquals(new double[] {0.6939643025398254, -1.6909396648406982, 2.6879091262817383}, f32[4], 1e-6);
    }

    @Test
    void rmspropAndAdagradResumeFromAStateDict() {
        Function<Parameter, Tensor> loss = w -> Tensor.of(new double[] {0.5, 1, 2}).mul(w.tensor()).mul(w.tensor())
                .sum().mul(0.5).add(Tensor.of(new double[] {0.3, -0.1, 0.2}).mul(w.tensor()).sum());
        List<Function<List<Parameter>, Optimizer<?>>> makers = List.of(
                p -> new RMSprop(p, new RMSprop.Options().lr(0.1).momentum(0.5).centered(true)),
                p -> new Adagrad(p, new Adagrad.Options().lr(0.5).lrDecay(0.1).initialAccumulatorValue(0.5)));
        for (Function<List<Parameter>, Optimizer<?>> make : makers) {
            Parameter w = new Parameter(Tensor.of(new double[] {1, -2, 3}));
            Optimizer<?> first = make.apply(List.of(w));
            for (int s = 0; s < 2; s++) {
                first.zeroGrad();
                loss.apply(w).backward();
                first.step();
            }
            Parameter resumed = new Parameter(w.tensor().detach().clone());
            Optimizer<?> second = make.apply(List.of(resumed));
            second.loadStateDict(first.stateDict());
            first.zeroGrad();
            loss.apply(w).backward();
            first.step();
            loss.apply(resumed).backward();
            second.step();
            assertArrayEquals(w.tensor().toDoubleArray(), resumed.tensor().toDoubleArray(), 0, first.toString());
        }
    }

    @Test
    void rmspropAndAdagradRejectBadOptionsAsPyTorch() {
        List<Parameter> p = List.of(new Parameter(Tensor.ones(2)));
        // PyTorch 1.13: ValueError: Invalid alpha value: -0.1 (alpha above 1 is accepted)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(p, new RMSprop.Options().alpha(-0.1)));
        assertEquals("[RMSprop] invalid alpha value: -0.1", e.getMessage());
        new RMSprop(p, new RMSprop.Options().alpha(1.5));
        e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(p, new RMSprop.Options().momentum(-1)));
        assertEquals("[RMSprop] invalid momentum value: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(p, new RMSprop.Options().eps(Double.NaN)));
        assertEquals("[RMSprop] invalid epsilon value: NaN", e.getMessage());
        // ValueError: Invalid lr_decay value: -1 / Invalid initial_accumulator_value value: -1
        e = assertThrows(IllegalArgumentException.class, () -> new Adagrad(p, new Adagrad.Options().lrDecay(-1)));
        assertEquals("[Adagrad] invalid lr_decay value: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Adagrad(p, new Adagrad.Options().initialAccumulatorValue(-1)));
        assertEquals("[Adagrad] invalid initial_accumulator_value value: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adagrad(p, new Adagrad.Options().lr(-0.5)));
        assertEquals("[Adagrad] invalid learning rate: -0.5", e.getMessage());
        RMSprop opt = new RMSprop(p, new RMSprop.Options());
        assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(new Optimizer.ParamGroup<>(
                List.of(new Parameter(Tensor.ones(1))), new RMSprop.Options().weightDecay(-1))));
        assertEquals(1, opt.paramGroups().size(), "a rejected group is not added");
    }

    @Test
    void adamaxRAdamAndAdadeltaMatchPyTorch() {
        // torch.optim.Adamax(p): PyTorch's defaults (lr 2e-3)
        assertSteps(new double[][] {{0.998000000025, -1.9980000000095237, 2.9980000000032256},
                {0.9959993151545704, -1.995999096903316, 2.995999388406442},
                {0.9939979901234303, -1.9939973217704492, 2.993998186752775}},
                run(DType.FLOAT64, 3, p -> new Adamax(p, new Adamax.Options())), 1e-14);
        // torch.optim.Adamax(p, lr=0.1, betas=(0.8, 0.9), weight_decay=0.1, eps=0.1)
        assertSteps(new double[][] {{0.91, -1.9041666666666666, 2.9015151515151514},
                {0.8180338266384778, -1.8064829106389846, 2.8016415487976096},
                {0.7240138199761785, -1.7068914528427392, 2.7003797094829167}},
                run(DType.FLOAT64, 3, p -> new Adamax(p, new Adamax.Options().lr(0.1).betas(0.8, 0.9).weightDecay(0.1)
                        .eps(0.1))), 1e-14);
        // torch.optim.RAdam(p, lr=0.1), 8 steps: SGD with momentum until rho exceeds 5 at step 6
        double[][] radam = run(DType.FLOAT64, 8, p -> new RAdam(p, new RAdam.Options().lr(0.1)));
        assertArrayEquals(new double[] {0.6213447813626519, -1.0599648097139858, 0.5251086855507061}, radam[4], 1e-14);
        assertArrayEquals(new double[] {0.6188152955904627, -1.0575215936199551, 0.5229787628846223}, radam[5], 1e-14);
        assertArrayEquals(new double[] {0.6118565237228288, -1.0508764275556919, 0.5175389407831404}, radam[7], 1e-14);
        // torch.optim.RAdam(p, lr=0.1, betas=(0.8, 0.9), weight_decay=0.1), 7 steps
        double[][] radam2 = run(DType.FLOAT64, 7, p -> new RAdam(p, new RAdam.Options().lr(0.1).betas(0.8, 0.9)
                .weightDecay(0.1)));
        assertArrayEquals(new double[] {0.91, -1.77, 2.3499999999999996}, radam2[0], 1e-14);
        assertArrayEquals(new double[] {0.5563271735705997, -0.9690006158553336, 0.4679956411692915}, radam2[5], 1e-14);
        assertArrayEquals(new double[] {0.5244428944137518, -0.9386655816920224, 0.4436312736453188}, radam2[6], 1e-14);
        // torch.optim.Adadelta(p): PyTorch's defaults (lr 1.0, rho 0.9, eps 1e-6)
        assertSteps(new double[][] {{0.9968377470448363, -1.9968377259251744, 2.996837722751158},
                {0.993596386796025, -1.9935956182659522, 2.9935948637335716},
                {0.9903028956204463, -1.9903003666544854, 2.9902978165944143}},
                run(DType.FLOAT64, 3, p -> new Adadelta(p, new Adadelta.Options())), 1e-14);
        // torch.optim.Adadelta(p, lr=0.5, rho=0.5, eps=1e-3, weight_decay=0.1)
        assertSteps(new double[][] {{0.9776668749856541, -1.9776435459984074, 2.977639849453072},
                {0.9520144103367996, -1.951922391895843, 2.951883302034298},
                {0.9239522782645357, -1.9237228470046395, 2.9235971111697716}},
                run(DType.FLOAT64, 3, p -> new Adadelta(p, new Adadelta.Options().lr(0.5).rho(0.5).eps(1e-3)
                        .weightDecay(0.1))), 1e-14);
        // ValueError: Invalid rho value: 1.1 / Invalid beta parameter at index 1: 1.0 / Invalid epsilon value: -1
        List<Parameter> p = List.of(new Parameter(Tensor.ones(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adadelta(p, new Adadelta.Options().rho(1.1)));
        assertEquals("[Adadelta] invalid rho value: 1.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adamax(p, new Adamax.Options().betas(0.9, 1.0)));
        assertEquals("[Adamax] invalid beta parameter at index 1: 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RAdam(p, new RAdam.Options().eps(-1)));
        assertEquals("[RAdam] invalid epsilon value: -1.0", e.getMessage());
    }

    @Test
    void adamaxRAdamAndAdadeltaKeepPyTorchsStateAndResume() {
        Function<Parameter, Tensor> loss = w -> Tensor.of(new double[] {0.5, 1, 2}).mul(w.tensor()).mul(w.tensor())
                .sum().mul(0.5).add(Tensor.of(new double[] {0.3, -0.1, 0.2}).mul(w.tensor()).sum());
        // PyTorch 1.13 state keys: Adamax ['step', 'exp_avg', 'exp_inf'], RAdam ['step', 'exp_avg', 'exp_avg_sq'],
        // Adadelta ['step', 'square_avg', 'acc_delta']
        Map<String, List<String>> keys = Map.of("Adamax", List.of("exp_avg", "exp_inf"),
                "RAdam", List.of("exp_avg", "exp_avg_sq"), "Adadelta", List.of("square_avg", "acc_delta"));
        List<Function<List<Parameter>, Optimizer<?>>> makers = List.of(
                p -> new Adamax(p, new Adamax.Options().lr(0.1)), p -> new RAdam(p, new RAdam.Options().lr(0.1)),
                p -> new Adadelta(p, new Adadelta.Options()));
        for (Function<List<Parameter>, Optimizer<?>> make : makers) {
            Parameter w = new Parameter(Tensor.of(new double[] {1, -2, 3}));
            Optimizer<?> first = make.apply(List.of(w));
            for (int s = 0; s < 6; s++) {
                first.zeroGrad();
                loss.apply(w).backward();
                first.step();
            }
            String name = first.getClass().getSimpleName();
            List<String> expected = new ArrayList<>();
            keys.get(name).forEach(k -> expected.add("state.0." + k));
            expected.add("state.0.step");
            assertEquals(expected, first.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).toList(),
                    name);
            Parameter resumed = new Parameter(w.tensor().detach().clone());
            Optimizer<?> second = make.apply(List.of(resumed));
            second.loadStateDict(first.stateDict());
            first.zeroGrad();
            loss.apply(w).backward();
            first.step();
            loss.apply(resumed).backward();
            second.step();
            assertArrayEquals(w.tensor().toDoubleArray(), resumed.tensor().toDoubleArray(), 0, name);
        }
    }

    @Test
    void parameterGroupsHaveTheirOwnOptions() {
        // torch.optim.SGD([{'params': [a]}, {'params': [b], 'lr': 0.01}], lr=0.1, momentum=0.9), two steps of
        // loss = sum(a^2) + sum(b^3) from a = [1, 2], b = [-1]: a = [0.46, 0.92], b = [-1.088827].
        Parameter a = new Parameter(Tensor.of(new double[] {1, 2}));
        Parameter b = new Parameter(Tensor.of(new double[] {-1}));
        SGD.Options base = new SGD.Options().lr(0.1).momentum(0.9);
        SGD opt = new SGD(List.of(new Optimizer.ParamGroup<>(List.of(a), base),
                new Optimizer.ParamGroup<>(List.of(b), base.lr(0.01))));
        for (int s = 0; s < 2; s++) {
            opt.zeroGrad();
            a.tensor().square().sum().add(b.tensor().pow(3).sum()).backward();
            opt.step();
        }
        assertArrayEquals(new double[] {0.46, 0.92}, a.tensor().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-1.088827}, b.tensor().toDoubleArray(), 1e-15);
        assertEquals(0.01, opt.paramGroups().get(1).lr());
        assertEquals(0.9, opt.paramGroups().get(1).options().momentum());
    }

    @Test
    void badOptionsAreOneLineErrorsNamingTheOptimizer() {
        List<Parameter> p = List.of(new Parameter(Tensor.ones(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(p, new SGD.Options().nesterov(true)));
        assertTrue(e.getMessage().startsWith("[SGD] Nesterov momentum requires a momentum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(p, new Adam.Options().betas(1.0, 0.999)));
        assertEquals("[Adam] invalid beta parameter at index 0: 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamW(p, AdamW.defaults().lr(-1)));
        assertEquals("[AdamW] invalid learning rate: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(
                new Optimizer.ParamGroup<>(p, new SGD.Options()), new Optimizer.ParamGroup<>(p, new SGD.Options()))));
        assertTrue(e.getMessage().contains("more than one parameter group"), e.getMessage());
    }

    @Test
    void parametersWithoutAGradientAreSkipped() {
        Parameter used = new Parameter(Tensor.of(new double[] {1}));
        Parameter unused = new Parameter(Tensor.of(new double[] {5}));
        Adam opt = new Adam(List.of(used, unused), new Adam.Options().lr(0.1));
        used.tensor().mul(2.0).sum().backward();
        opt.step();
        assertArrayEquals(new double[] {5}, unused.tensor().toDoubleArray());
        assertEquals(0.9, used.tensor().item(), 1e-9);
        Map<String, Tensor> state = opt.stateDict();
        assertNotNull(state.get("state.0.exp_avg"));
        assertNull(state.get("state.1.exp_avg"), "no state for a parameter that never had a gradient");
    }

    @Test
    void zeroGradSetsToNoneOrZeroes() {
        Parameter w = new Parameter(Tensor.of(new double[] {1, 2}));
        SGD opt = new SGD(List.of(w), new SGD.Options());
        w.tensor().sum().backward();
        opt.zeroGrad(false);
        assertArrayEquals(new double[] {0, 0}, w.grad().toDoubleArray());
        opt.zeroGrad();
        assertNull(w.grad());
    }

    /** A step inside a scope: the scope closes the step's temporaries but not the optimizer's state. */
    @Test
    void stateOutlivesTheScopeOfTheStepThatMadeIt() {
        Parameter w = new Parameter(Tensor.of(new double[] {1, -2, 3}));
        Adam opt = new Adam(List.of(w), new Adam.Options().lr(0.1));
        for (int s = 0; s < 3; s++) {
            try (Scope scope = Tensors.scope()) {
                opt.zeroGrad();
                Tensor x = w.tensor();
                Tensor.of(new double[] {0.5, 1, 2}).mul(x).mul(x).sum().mul(0.5)
                        .add(Tensor.of(new double[] {0.3, -0.1, 0.2}).mul(x).sum()).backward();
                opt.step();
            }
        }
        assertArrayEquals(new double[] {0.7008293242469825, -1.7005866021149054, 2.7003671459298215},
                w.tensor().toDoubleArray(), 1e-14);
    }

    /** Two steps, a state dict through safetensors bytes, then the third step on a fresh optimizer: as if uninterrupted. */
    @Test
    void aStateDictResumesTraining() {
        Function<Parameter, Tensor> loss = w -> Tensor.of(new double[] {0.5, 1, 2}).mul(w.tensor()).mul(w.tensor())
                .sum().mul(0.5).add(Tensor.of(new double[] {0.3, -0.1, 0.2}).mul(w.tensor()).sum());
        Adam.Options options = new Adam.Options().lr(0.1).amsgrad(true);
        Parameter w = new Parameter(Tensor.of(new double[] {1, -2, 3}));
        Adam first = new Adam(List.of(w), options);
        for (int s = 0; s < 2; s++) {
            first.zeroGrad();
            loss.apply(w).backward();
            first.step();
        }
        Map<String, Tensor> saved = Safetensors.fromBytes(Safetensors.toBytes(first.stateDict(), Map.of())).tensors();
        assertEquals(2.0, saved.get("state.0.step").item());
        Parameter resumed = new Parameter(w.tensor().detach().clone());
        Adam second = new Adam(List.of(resumed), new Adam.Options());
        second.loadStateDict(saved);
        assertEquals(0.1, second.paramGroups().get(0).lr(), "options come back with the state");
        for (Optimizer<?> opt : List.of(first, second)) {
            opt.zeroGrad();
        }
        loss.apply(w).backward();
        first.step();
        loss.apply(resumed).backward();
        second.step();
        assertArrayEquals(w.tensor().toDoubleArray(), resumed.tensor().toDoubleArray(), 0);
        assertEquals(device(), second.stateDict().get("state.0.exp_avg").device(), "state lives on the parameter's device");

        Adam twoParams = new Adam(List.of(new Parameter(Tensor.ones(3)), new Parameter(Tensor.ones(3))), options);
        Map<String, Tensor> before = twoParams.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoParams.loadStateDict(saved));
        assertTrue(e.getMessage().startsWith("[Adam] loaded state dict contains a parameter group of 1 parameters"),
                e.getMessage());
        assertEquals(before.keySet(), twoParams.stateDict().keySet(), "a failed load changes nothing");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Schedulers: the learning rate after construction, then after each step (PyTorch 1.13, base lr 0.1).
    // ------------------------------------------------------------------------------------------------------------

    private static double[] lrs(Function<SGD, LRScheduler> make, int steps) {
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        LRScheduler s = make.apply(opt);
        double[] out = new double[steps + 1];
        out[0] = opt.paramGroups().get(0).lr();
        for (int i = 1; i <= steps; i++) {
            s.step();
            out[i] = opt.paramGroups().get(0).lr();
            assertEquals(out[i], s.lastLr()[0]);
        }
        return out;
    }

    @Test
    void schedulersMatchPyTorch() {
        // StepLR(opt, 2, 0.5)
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125},
                lrs(o -> new StepLR(o, 2, 0.5), 6), 1e-15);
        // CosineAnnealingLR(opt, 4, 0.01): down to eta_min at T_max, then back up.
        assertArrayEquals(new double[] {0.1, 0.08681980515339464, 0.05500000000000001, 0.023180194846605363, 0.01,
                0.023180194846605363, 0.05500000000000002, 0.08681980515339469, 0.10000000000000006,
                0.0868198051533947}, lrs(o -> new CosineAnnealingLR(o, 4, 0.01), 9), 1e-15);
        // LinearLR(opt, 0.1, 1.0, 3): a linear warm-up.
        assertArrayEquals(new double[] {0.010000000000000002, 0.04, 0.07, 0.1, 0.1, 0.1},
                lrs(o -> new LinearLR(o, 0.1, 1.0, 3), 5), 1e-15);
        // SequentialLR(opt, [LinearLR(opt, 0.1, 1.0, 2), CosineAnnealingLR(opt, 4)], [2]): warm-up, then cosine.
        assertArrayEquals(new double[] {0.010000000000000002, 0.05500000000000001, 0.1, 0.08535533905932738, 0.05,
                0.014644660940672627, 0.0, 0.014644660940672622}, lrs(o -> new SequentialLR(o,
                List.of(new LinearLR(o, 0.1, 1.0, 2), new CosineAnnealingLR(o, 4)), 2), 7), 1e-15);
    }

    /** The rate of each of 9 epochs, the group's rate set to 0.2 by hand after epoch 1's step (before epoch 2). */
    private static double[] lrsWithAHandSetRate(Function<SGD, List<LRScheduler>> make) {
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        List<LRScheduler> schedulers = make.apply(opt);
        double[] out = new double[9];
        for (int e = 0; e < 9; e++) {
            if (e == 2 && schedulers.size() == 1) {
                opt.paramGroups().get(0).setLr(0.2);
            }
            out[e] = opt.paramGroups().get(0).lr();
            schedulers.forEach(LRScheduler::step);
        }
        assertEquals(opt.paramGroups().get(0).lr(), schedulers.get(schedulers.size() - 1).lastLr()[0]);
        return out;
    }

    @Test
    void schedulersScaleTheCurrentRateAsPyTorchsChainableForm() {
        // PyTorch 1.13, SGD(lr=0.1), param_groups[0]['lr'] = 0.2 set by hand before epoch 2 (each line's scheduler):
        // the built-in schedulers scale the group's current rate, so the hand-set rate carries on (we recomputed the
        // rate from the initial one and dropped it).
        // StepLR(opt, 3, 0.5)
        assertArrayEquals(new double[] {0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05},
                lrsWithAHandSetRate(o -> List.of(new StepLR(o, 3, 0.5))), 1e-15);
        // LinearLR(opt, 0.25, 1.0, 4)
        assertArrayEquals(new double[] {0.025, 0.043750000000000004, 0.2, 0.26, 0.32, 0.32, 0.32, 0.32, 0.32},
                lrsWithAHandSetRate(o -> List.of(new LinearLR(o, 0.25, 1.0, 4))), 1e-15);
        // CosineAnnealingLR(opt, 3, 0.01)
        assertArrayEquals(new double[] {0.1, 0.0775, 0.2, 0.01, 0.0325, 0.07750000000000005, 0.10000000000000007,
                0.07750000000000007, 0.03250000000000006},
                lrsWithAHandSetRate(o -> List.of(new CosineAnnealingLR(o, 3, 0.01))), 1e-15);
        // SequentialLR(opt, [LinearLR(opt, 0.5, 1.0, 2), StepLR(opt, 2, 0.5)], [3]): the milestone restarts from the
        // closed form
        assertArrayEquals(new double[] {0.05, 0.07500000000000001, 0.2, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025},
                lrsWithAHandSetRate(o -> List.of(new SequentialLR(o, List.of(new LinearLR(o, 0.5, 1.0, 2),
                        new StepLR(o, 2, 0.5)), 3))), 1e-15);
        // StepLR(opt, 2, 0.5) and LinearLR(opt, 0.5, 1.0, 2), both stepped each epoch: their factors multiply
        assertArrayEquals(new double[] {0.05, 0.07500000000000001, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125,
                0.00625}, lrsWithAHandSetRate(o -> List.of(new StepLR(o, 2, 0.5), new LinearLR(o, 0.5, 1.0, 2))),
                1e-15);
    }

    /** The rate after construction and after each of {@code steps} epochs, every scheduler stepped each epoch. */
    private static double[] lrsOfAll(Function<SGD, List<LRScheduler>> make, int steps) {
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        List<LRScheduler> schedulers = make.apply(opt);
        double[] out = new double[steps + 1];
        out[0] = opt.paramGroups().get(0).lr();
        for (int i = 1; i <= steps; i++) {
            schedulers.forEach(LRScheduler::step);
            out[i] = opt.paramGroups().get(0).lr();
        }
        return out;
    }

    @Test
    void aSchedulerMadeAfterAnotherKeepsTheRateItSetAsPyTorchs() {
        // PyTorch 1.13, SGD(lr=0.1): a chainable scheduler's first step (at construction) starts from the group's
        // current rate, so one made after LinearLR(opt, 0.5, 1.0, 2) keeps its 0.05 (we reset it to 0.1).
        // [LinearLR(opt, 0.5, 1.0, 2), StepLR(opt, 2, 0.5)]
        assertArrayEquals(new double[] {0.05, 0.07500000000000001, 0.05, 0.05, 0.025, 0.025},
                lrsOfAll(o -> List.of(new LinearLR(o, 0.5, 1.0, 2), new StepLR(o, 2, 0.5)), 5), 1e-15);
        // [LinearLR(opt, 0.5, 1.0, 2), CosineAnnealingLR(opt, 4, 0.01)]
        assertArrayEquals(new double[] {0.05, 0.0654809703885628, 0.05528595479208969, 0.023263949066095645, 0.01},
                lrsOfAll(o -> List.of(new LinearLR(o, 0.5, 1.0, 2), new CosineAnnealingLR(o, 4, 0.01)), 4), 1e-15);
    }

    @Test
    void exponentialAndMultiStepMatchPyTorch() {
        // ExponentialLR(opt, 0.9)
        assertArrayEquals(new double[] {0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
                0.06561000000000002}, lrs(o -> new ExponentialLR(o, 0.9), 4), 1e-15);
        // MultiStepLR(opt, [5, 2, 5], 0.5): unsorted, and a milestone given twice decays twice
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.05, 0.0125, 0.0125, 0.0125},
                lrs(o -> new MultiStepLR(o, new int[] {5, 2, 5}, 0.5), 7), 1e-15);
        // MultiStepLR(opt, [0, 2], 0.5): a milestone at 0 decays at construction
        assertArrayEquals(new double[] {0.05, 0.05, 0.025, 0.025}, lrs(o -> new MultiStepLR(o, new int[] {0, 2}, 0.5), 3),
                1e-15);
        // MultiStepLR(opt, [2]): gamma 0.1 by default
        assertArrayEquals(new double[] {0.1, 0.1, 0.010000000000000002}, lrs(o -> new MultiStepLR(o, 2), 2), 1e-15);
        // [LinearLR(opt, 0.5, 1.0, 2), ExponentialLR(opt, 0.5)]: both scale the current rate
        assertArrayEquals(new double[] {0.05, 0.037500000000000006, 0.025, 0.0125, 0.00625},
                lrsOfAll(o -> List.of(new LinearLR(o, 0.5, 1.0, 2), new ExponentialLR(o, 0.5)), 4), 1e-15);
        // SequentialLR(opt, [ExponentialLR(opt, 0.5), MultiStepLR(opt, [1], 0.1)], [2]): closed form at the milestone
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        SequentialLR seq = new SequentialLR(opt, List.of(new ExponentialLR(opt, 0.5),
                new MultiStepLR(opt, new int[] {1}, 0.1)), 2);
        double[] got = new double[5];
        for (int i = 0; i < 5; i++) {
            got[i] = opt.paramGroups().get(0).lr();
            seq.step();
        }
        assertArrayEquals(new double[] {0.1, 0.05, 0.1, 0.010000000000000002, 0.010000000000000002}, got, 1e-15);
    }

    /** The rate after each ReduceLROnPlateau step on {@code metrics}, groups at lr 0.1, 0.2, ... */
    private static double[][] plateau(int groups, ReduceLROnPlateau.Options options, double... metrics) {
        List<Optimizer.ParamGroup<SGD.Options>> gs = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            gs.add(new Optimizer.ParamGroup<>(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1 * (i + 1))));
        }
        SGD opt = new SGD(gs);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, options);
        double[][] out = new double[groups][metrics.length];
        for (int e = 0; e < metrics.length; e++) {
            s.step(metrics[e]);
            for (int g = 0; g < groups; g++) {
                out[g][e] = opt.paramGroups().get(g).lr();
                assertEquals(out[g][e], s.lastLr()[g]);
            }
        }
        assertEquals(metrics.length, s.lastEpoch());
        return out;
    }

    @Test
    void reduceLROnPlateauMatchesPyTorch() {
        double[] m = {1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.93, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double a = 0.010000000000000002, b = 0.0010000000000000002;
        // ReduceLROnPlateau(opt, patience=2), stepped with m
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, a, a, a, a, a, a, b, b, b},
                plateau(1, new ReduceLROnPlateau.Options().patience(2), m)[0], 1e-15);
        // ReduceLROnPlateau(opt, patience=1, cooldown=2, factor=0.5)
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025},
                plateau(1, new ReduceLROnPlateau.Options().patience(1).cooldown(2).factor(0.5), m)[0], 1e-15);
        // ReduceLROnPlateau(opt, mode='max', threshold_mode='abs', threshold=0.05, patience=0, factor=0.5)
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125},
                plateau(1, new ReduceLROnPlateau.Options().mode("max").thresholdMode("abs").threshold(0.05).patience(0)
                        .factor(0.5), 1, 1.04, 1.06, 1.1, 1.12, 2, 2.01)[0], 1e-15);
        // ReduceLROnPlateau(opt, threshold=0.1, patience=0, factor=0.5): 0.95 is not 10% below 1
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.025, 0.025},
                plateau(1, new ReduceLROnPlateau.Options().threshold(0.1).patience(0).factor(0.5),
                        1, 0.95, 0.89, 0.85, 0.79)[0], 1e-15);
        // ReduceLROnPlateau(opt, patience=1): a NaN metric is a bad epoch
        assertArrayEquals(new double[] {0.1, 0.1, a, a},
                plateau(1, new ReduceLROnPlateau.Options().patience(1), 1, Double.NaN, Double.NaN, 0.5)[0], 1e-15);
        // ReduceLROnPlateau(opt, patience=0, threshold=0.1, factor=0.5), metrics -1, -1.00001, -2, -2: the relative
        // threshold of a negative best is above it, so each counts as better
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1},
                plateau(1, new ReduceLROnPlateau.Options().patience(0).threshold(0.1).factor(0.5), -1, -1.00001, -2,
                        -2)[0], 1e-15);
    }

    @Test
    void reduceLROnPlateauStopsAtTheMinimumRates() {
        // ReduceLROnPlateau(opt, patience=0, factor=0.5, min_lr=[0.05, 0.01]), two groups at 0.1 and 0.2
        double[][] two = plateau(2, new ReduceLROnPlateau.Options().patience(0).factor(0.5).minLr(0.05, 0.01),
                1, 1, 1, 1, 1, 1);
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.05, 0.05, 0.05}, two[0], 1e-15);
        assertArrayEquals(new double[] {0.2, 0.1, 0.05, 0.025, 0.0125, 0.01}, two[1], 1e-15);
        // ReduceLROnPlateau(opt, patience=0, factor=0.5, min_lr=0.0999): a change of at most eps is not made... the
        // first reduction (0.1 -> 0.0999) is 1e-4 > eps, then none
        assertArrayEquals(new double[] {0.1, 0.0999, 0.0999, 0.0999},
                plateau(1, new ReduceLROnPlateau.Options().patience(0).factor(0.5).minLr(0.0999), 1, 1, 1, 1)[0],
                1e-15);
        // ValueError: Factor should be < 1.0. / mode mean is unknown! / threshold mode x is unknown! /
        // expected 1 min_lrs, got 2
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().factor(1.0)));
        assertEquals("[ReduceLROnPlateau] factor should be < 1.0 but got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().mode("mean")));
        assertTrue(e.getMessage().startsWith("[ReduceLROnPlateau] mode mean is unknown"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().thresholdMode("x")));
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().minLr(0.1, 0.2)));
        assertEquals("[ReduceLROnPlateau] expected 1 min_lrs, got 2", e.getMessage());
        // scheduler.step(val_loss) with a 0-d tensor; a tensor of two elements fails
        ReduceLROnPlateau fromTensor = new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().patience(0));
        fromTensor.step(Tensor.scalar(2.0));
        assertEquals(2.0, fromTensor.best());
        assertThrows(IllegalArgumentException.class, () -> fromTensor.step(Tensor.of(new double[] {1, 2})));
        assertEquals(1, fromTensor.lastEpoch());
        assertEquals(0.1, opt.paramGroups().get(0).lr(), "making a plateau scheduler changes no rate");
    }

    @Test
    void oneCycleMatchesPyTorchWithItsMomentum() {
        // OneCycleLR(SGD(lr=0.1, momentum=0.9), max_lr=1.0, total_steps=10): lr and momentum after construction and
        // each of 10 steps (the 10th extrapolates the last phase, as PyTorch's)
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1).momentum(0.9));
        OneCycleLR s = new OneCycleLR(sgd, 1.0, 10);
        double[] lr = new double[11], momentum = new double[11];
        for (int i = 0; i <= 10; i++) {
            if (i > 0) {
                s.step();
            }
            lr[i] = sgd.paramGroups().get(0).lr();
            momentum[i] = sgd.paramGroups().get(0).options().momentum();
        }
        assertArrayEquals(new double[] {0.040000000000000036, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631,
                0.6112620219362893, 0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06,
                0.04951936798652623}, lr, 1e-15);
        assertArrayEquals(new double[] {0.95, 0.8999999999999999, 0.85, 0.854951556604879, 0.8688255099070633,
                0.8888739533021842, 0.9111260466978157, 0.9311744900929366, 0.945048443395121, 0.95,
                0.945048443395121}, momentum, 1e-15);
        // ValueError: Tried to step 12 times. The specified number of total steps is 10
        IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
        assertEquals("[OneCycleLR] tried to step 12 times, but the specified number of total steps is 10",
                e.getMessage());
        assertEquals(10, s.lastEpoch(), "a refused step changes nothing");
        assertEquals(0.04951936798652623, sgd.paramGroups().get(0).lr(), 1e-15);
    }

    @Test
    void oneCycleThreePhaseLinearCyclesAdamsBeta1AsPyTorch() {
        // OneCycleLR(Adam(lr=0.1), max_lr=0.5, total_steps=8, pct_start=0.25, anneal_strategy='linear',
        // three_phase=True, div_factor=10, final_div_factor=100)
        Adam adam = new Adam(List.of(new Parameter(Tensor.zeros(1))), new Adam.Options().lr(0.1));
        OneCycleLR s = new OneCycleLR(adam, new OneCycleLR.Options(0.5, 8).pctStart(0.25).annealStrategy("linear")
                .threePhase(true).divFactors(10, 100));
        double[] lr = new double[9], beta1 = new double[9];
        for (int i = 0; i <= 8; i++) {
            if (i > 0) {
                s.step();
            }
            lr[i] = adam.paramGroups().get(0).lr();
            beta1[i] = adam.paramGroups().get(0).options().beta1();
        }
        assertArrayEquals(new double[] {0.05, 0.5, 0.04999999999999999, 0.040100000000000004, 0.0302,
                0.020300000000000002, 0.0104, 0.0005000000000000004, -0.009399999999999999}, lr, 1e-15);
        assertArrayEquals(new double[] {0.95, 0.85, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95}, beta1, 1e-15);
        assertEquals(0.999, adam.paramGroups().get(0).options().beta2(), "beta2 is left alone");
        // OneCycleLR(SGD(lr=0.1, momentum=0.9), max_lr=0.2, epochs=1, steps_per_epoch=5, cycle_momentum=False)
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1).momentum(0.9));
        OneCycleLR plain = new OneCycleLR(sgd, new OneCycleLR.Options(0.2, 5).cycleMomentum(false));
        double[] got = new double[6];
        for (int i = 0; i <= 5; i++) {
            if (i > 0) {
                plain.step();
            }
            got[i] = sgd.paramGroups().get(0).lr();
        }
        assertArrayEquals(new double[] {0.008000000000000007, 0.19009692640269477, 0.12225240438725786,
                0.0376516692100474, 8e-07, 0.03765166921004738}, got, 1e-15);
        assertEquals(0.9, sgd.paramGroups().get(0).options().momentum());
    }

    @Test
    void oneCycleTakesAPeakRatePerGroup() {
        // OneCycleLR(SGD([{'params': [a]}, {'params': [b], 'momentum': 0.5}], lr=0.1, momentum=0.9),
        // max_lr=[1.0, 0.3], total_steps=6, pct_start=0.5): both groups' rates after construction and 3 steps
        SGD opt = new SGD(List.of(
                new Optimizer.ParamGroup<>(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1)
                        .momentum(0.9)),
                new Optimizer.ParamGroup<>(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1)
                        .momentum(0.5))));
        OneCycleLR s = new OneCycleLR(opt, new OneCycleLR.Options(1.0, 6).maxLr(1.0, 0.3).pctStart(0.5));
        double[][] expected = {{0.040000000000000036, 0.01200000000000001}, {0.52, 0.156}, {1.0, 0.3},
                {0.750001, 0.22500030000000001}};
        for (int i = 0; i < expected.length; i++) {
            if (i > 0) {
                s.step();
            }
            assertArrayEquals(expected[i], new double[] {opt.paramGroups().get(0).lr(), opt.paramGroups().get(1).lr()},
                    1e-15, "step " + i);
        }
        assertEquals(opt.paramGroups().get(0).options().momentum(), opt.paramGroups().get(1).options().momentum(),
                "both groups' momentum cycles between the same bounds");
    }

    @Test
    void cyclicMatchesPyTorchWithItsMomentum() {
        // CyclicLR(SGD(lr=0.5, momentum=0.9), base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3)
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.5).momentum(0.9));
        CyclicLR s = new CyclicLR(sgd, new CyclicLR.Options(0.01, 0.1).stepSizes(2, 3));
        double[] lr = new double[9], momentum = new double[9];
        for (int i = 0; i < 9; i++) {
            if (i > 0) {
                s.step();
            }
            lr[i] = sgd.paramGroups().get(0).lr();
            momentum[i] = sgd.paramGroups().get(0).options().momentum();
        }
        assertArrayEquals(new double[] {0.01, 0.055, 0.09999999999999999, 0.06999999999999999, 0.039999999999999994,
                0.01, 0.05500000000000005, 0.09999999999999999, 0.06999999999999999}, lr, 1e-15);
        assertArrayEquals(new double[] {0.9, 0.8500000000000001, 0.8, 0.8333333333333334, 0.8666666666666667, 0.9,
                0.85, 0.8, 0.8333333333333334}, momentum, 1e-15);
        // CyclicLR(..., step_size_up=2, mode='triangular2', cycle_momentum=False): each cycle half as high
        assertArrayEquals(new double[] {0.01, 0.05500000000000001, 0.1, 0.05500000000000001, 0.01, 0.0325,
                0.05500000000000001, 0.0325, 0.01, 0.02125}, lrs(o -> new CyclicLR(o, new CyclicLR.Options(0.01, 0.1)
                .stepSizeUp(2).mode("triangular2", 1).cycleMomentum(false)), 9), 1e-15);
        // CyclicLR(..., step_size_up=2, mode='exp_range', gamma=0.9), momentum cycled (SGD without momentum here)
        assertArrayEquals(new double[] {0.01, 0.05050000000000001, 0.0829, 0.04280500000000001, 0.01,
                0.03657205000000001}, lrs(o -> new CyclicLR(o, new CyclicLR.Options(0.01, 0.1).stepSizeUp(2)
                .mode("exp_range", 0.9)), 5), 1e-15);
        // ValueError: optimizer must support momentum with `cycle_momentum` option enabled (Adam in PyTorch 1.13);
        // ValueError: mode is invalid and scale_fn is None
        Adam adam = new Adam(List.of(new Parameter(Tensor.zeros(1))), new Adam.Options());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CyclicLR(adam, new CyclicLR.Options(0.01, 0.1)));
        assertTrue(e.getMessage().startsWith("[CyclicLR] optimizer must support momentum"), e.getMessage());
        assertEquals(1e-3, adam.paramGroups().get(0).lr(), "a rejected scheduler changes no rate");
        assertThrows(IllegalArgumentException.class, () -> new CyclicLR(sgd, new CyclicLR.Options(0.01, 0.1)
                .mode("x", 1)));
        new CyclicLR(adam, new CyclicLR.Options(0.01, 0.1).cycleMomentum(false));
        assertEquals(0.01, adam.paramGroups().get(0).lr());
    }

    @Test
    void oneCycleRejectsBadOptionsAsPyTorch() {
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1).momentum(0.9));
        // ValueError: Expected positive integer total_steps, but got 0
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(sgd, 1.0, 0));
        assertEquals("[OneCycleLR] expected a positive total_steps, but got 0", e.getMessage());
        // ValueError: Expected float between 0 and 1 pct_start, but got 1.5
        assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd, new OneCycleLR.Options(1.0, 5).pctStart(1.5)));
        // ValueError: anneal_strategy must by one of 'cos' or 'linear', instead got exp
        assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd, new OneCycleLR.Options(1.0, 5).annealStrategy("exp")));
        // ValueError: expected 1 values for max_lr, got 2
        e = assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd, new OneCycleLR.Options(1.0, 5).maxLr(1.0, 2.0)));
        assertEquals("[OneCycleLR] expected 1 values for max_lr, got 2", e.getMessage());
        // ValueError: optimizer must support momentum with `cycle_momentum` option enabled (Adagrad)
        Adagrad adagrad = new Adagrad(List.of(new Parameter(Tensor.zeros(1))), new Adagrad.Options());
        e = assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(adagrad, 1.0, 5));
        assertTrue(e.getMessage().startsWith("[OneCycleLR] optimizer must support momentum or beta1"), e.getMessage());
        // OneCycleLR(opt, max_lr=1.0, total_steps=10, pct_start=0.1): ZeroDivisionError in PyTorch 1.13
        e = assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd, new OneCycleLR.Options(1.0, 10).pctStart(0.1)));
        assertTrue(e.getMessage().contains("phase of no steps"), e.getMessage());
        assertEquals(0.1, sgd.paramGroups().get(0).lr(), "a rejected scheduler changes no rate");
        assertEquals(0.9, sgd.paramGroups().get(0).options().momentum());
    }

    @Test
    void constantLRAndWarmRestartsMatchPyTorch() {
        double third = 0.03333333333333333;
        // ConstantLR(opt): factor 1/3 for 5 epochs
        assertArrayEquals(new double[] {third, third, third, third, third, 0.1, 0.1}, lrs(ConstantLR::new, 6), 1e-15);
        // [ConstantLR(opt, 0.5, 2), ExponentialLR(opt, 0.9)]: the restoring step divides the current rate
        assertArrayEquals(new double[] {0.05, 0.045000000000000005, 0.08100000000000002, 0.07290000000000002,
                0.06561000000000002}, lrsOfAll(o -> List.of(new ConstantLR(o, 0.5, 2), new ExponentialLR(o, 0.9)), 4),
                1e-15);
        // CosineAnnealingWarmRestarts(opt, 3)
        assertArrayEquals(new double[] {0.1, 0.07500000000000001, 0.025000000000000012, 0.1, 0.07500000000000001,
                0.025000000000000012, 0.1, 0.07500000000000001}, lrs(o -> new CosineAnnealingWarmRestarts(o, 3), 7),
                1e-15);
        // CosineAnnealingWarmRestarts(opt, 2, 2, 0.01): cycles of 2, 4, 8 epochs
        assertArrayEquals(new double[] {0.1, 0.05500000000000001, 0.1, 0.08681980515339464, 0.05500000000000001,
                0.023180194846605363, 0.1, 0.0965745789630079, 0.08681980515339464, 0.07222075445642905},
                lrs(o -> new CosineAnnealingWarmRestarts(o, 2, 2, 0.01), 9), 1e-15);
        // SequentialLR(opt, [ConstantLR(opt, 0.1, 10), CosineAnnealingWarmRestarts(opt, 2)], [2])
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        SequentialLR seq = new SequentialLR(opt, List.of(new ConstantLR(opt, 0.1, 10),
                new CosineAnnealingWarmRestarts(opt, 2)), 2);
        double[] got = new double[7];
        for (int i = 0; i < 7; i++) {
            got[i] = opt.paramGroups().get(0).lr();
            seq.step();
        }
        assertArrayEquals(new double[] {0.010000000000000002, 0.010000000000000002, 0.1, 0.05, 0.1, 0.05, 0.1}, got,
                1e-15);
        // ValueError: Constant multiplicative factor expected to be between 0 and 1. / Expected positive integer T_0,
        // but got 0 / Expected integer T_mult >= 1, but got 0
        assertThrows(IllegalArgumentException.class, () -> new ConstantLR(opt, 1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new ConstantLR(opt, -0.1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CosineAnnealingWarmRestarts(opt, 0));
        assertEquals("[CosineAnnealingWarmRestarts] expected a positive T_0, but got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(opt, 2, 0, 0));
        // ConstantLR(opt, 0.0, 2): ZeroDivisionError at its second step in PyTorch
        ConstantLR zero = new ConstantLR(opt, 0.0, 2);
        zero.step();
        assertThrows(IllegalStateException.class, zero::step);
        assertEquals(1, zero.lastEpoch(), "a failed step changes nothing");
        assertEquals(0.0, opt.paramGroups().get(0).lr());
    }

    /** The rate after construction and each of {@code steps} steps of one SequentialLR over the schedulers made. */
    private static double[] sequential(Function<SGD, List<LRScheduler>> make, int milestone, int steps) {
        return lrsOfAll(o -> List.of(new SequentialLR(o, make.apply(o), milestone)), steps);
    }

    @Test
    void polynomialMatchesPyTorch() {
        // PolynomialLR(opt): linear to 0 over 5 epochs
        assertArrayEquals(new double[] {0.1, 0.08000000000000002, 0.060000000000000005, 0.04000000000000001, 0.02, 0.0,
                0.0}, lrs(PolynomialLR::new, 6), 1e-15);
        // PolynomialLR(opt, 4, 2.0)
        assertArrayEquals(new double[] {0.1, 0.05625, 0.024999999999999998, 0.0062499999999999995, 0.0, 0.0},
                lrs(o -> new PolynomialLR(o, 4, 2.0), 5), 1e-15);
        // SequentialLR(opt, [ConstantLR(opt, 0.5, 5), PolynomialLR(opt, 2, 0.5)], [1]): the closed form at the milestone
        assertArrayEquals(new double[] {0.05, 0.1, 0.07071067811865477, 0.0, 0.0},
                sequential(o -> List.of(new ConstantLR(o, 0.5, 5), new PolynomialLR(o, 2, 0.5)), 1, 4), 1e-15);
        // PolynomialLR(opt, power=-1): no check in PyTorch 1.13 either, the rate grows
        assertArrayEquals(new double[] {0.1, 0.125, 0.16666666666666669}, lrs(o -> new PolynomialLR(o, 5, -1), 2),
                1e-15);
    }

    @Test
    void lambdaAndMultiplicativeMatchPyTorch() {
        // LambdaLR(opt, lambda e: 1 / (e + 2)): the initial rate times the factor
        assertArrayEquals(new double[] {0.05, 0.03333333333333333, 0.025, 0.020000000000000004},
                lrs(o -> new LambdaLR(o, e -> 1.0 / (e + 2)), 3), 1e-15);
        // MultiplicativeLR(opt, lambda e: 0.5 + 0.1 * e): the current rate times the factor, from epoch 1
        assertArrayEquals(new double[] {0.1, 0.06, 0.041999999999999996, 0.0336},
                lrs(o -> new MultiplicativeLR(o, e -> 0.5 + 0.1 * e), 3), 1e-15);
        // [LinearLR(opt, 0.5, 1.0, 2), MultiplicativeLR(opt, lambda e: 0.9)]
        assertArrayEquals(new double[] {0.05, 0.06750000000000002, 0.08100000000000003, 0.07290000000000003},
                lrsOfAll(o -> List.of(new LinearLR(o, 0.5, 1.0, 2), new MultiplicativeLR(o, e -> 0.9)), 3), 1e-15);
        // SequentialLR(opt, [ConstantLR(opt, 0.5, 5), MultiplicativeLR(opt, lambda e: 0.9)], [2]): MultiplicativeLR
        // has no closed form, so at the milestone it keeps the current rate (PyTorch's step(0))
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.045000000000000005, 0.04050000000000001},
                sequential(o -> List.of(new ConstantLR(o, 0.5, 5), new MultiplicativeLR(o, e -> 0.9)), 2, 4), 1e-15);
        // SequentialLR(opt, [MultiplicativeLR(opt, lambda e: 0.9), ConstantLR(opt, 0.5, 2)], [2]): made, it starts
        // the first scheduler from the initial rate, whatever the others set
        assertArrayEquals(new double[] {0.1, 0.09000000000000001, 0.05, 0.05, 0.1},
                sequential(o -> List.of(new MultiplicativeLR(o, e -> 0.9), new ConstantLR(o, 0.5, 2)), 2, 4), 1e-15);
    }

    /** Through safetensors bytes, as a checkpoint would go. */
    private static Map<String, Tensor> saved(Map<String, Tensor> state) {
        return Safetensors.fromBytes(Safetensors.toBytes(state, Map.of())).tensors();
    }

    @Test
    void aSchedulerStateDictResumesTheSchedule() {
        // Three epochs of StepLR(opt, 2, 0.5), saved with the optimizer; a new optimizer and scheduler made alike
        // and loaded carry on as the first: PyTorch's resume (optimizer.load_state_dict, scheduler.load_state_dict).
        SGD first = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        StepLR firstSteps = new StepLR(first, 2, 0.5);
        for (int i = 0; i < 3; i++) {
            firstSteps.step();
        }
        Map<String, Tensor> optState = saved(first.stateDict()), schedState = saved(firstSteps.stateDict());
        assertEquals(3.0, schedState.get("last_epoch").item());
        SGD second = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        StepLR secondSteps = new StepLR(second, 2, 0.5);
        second.loadStateDict(optState);
        secondSteps.loadStateDict(schedState);
        assertEquals(3, secondSteps.lastEpoch());
        assertArrayEquals(firstSteps.lastLr(), secondSteps.lastLr());
        for (int i = 0; i < 3; i++) {
            firstSteps.step();
            secondSteps.step();
            assertEquals(first.paramGroups().get(0).lr(), second.paramGroups().get(0).lr(), "epoch " + (4 + i));
        }
        // A state dict of another number of groups, or of another scheduler kind, fails and changes nothing
        SGD two = new SGD(List.of(new Optimizer.ParamGroup<>(List.of(new Parameter(Tensor.zeros(1))),
                new SGD.Options()), new Optimizer.ParamGroup<>(List.of(new Parameter(Tensor.zeros(1))),
                new SGD.Options())));
        StepLR twoSteps = new StepLR(two, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoSteps.loadStateDict(schedState));
        assertEquals("[StepLR] the state dict's base_lrs has 1 values but the optimizer has 2 parameter groups",
                e.getMessage());
        assertEquals(0, twoSteps.lastEpoch());
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(first);
        assertThrows(IllegalArgumentException.class, () -> plateau.loadStateDict(schedState));
    }

    @Test
    void aPlateauStateDictKeepsItsBestAndCounters() {
        SGD first = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        ReduceLROnPlateau.Options options = new ReduceLROnPlateau.Options().patience(2).cooldown(1).factor(0.5);
        ReduceLROnPlateau a = new ReduceLROnPlateau(first, options);
        for (double m : new double[] {1.0, 0.9, 0.95, 0.96}) {
            a.step(m);
        }
        SGD second = new SGD(List.of(new Parameter(Tensor.zeros(1))), new SGD.Options().lr(0.1));
        ReduceLROnPlateau b = new ReduceLROnPlateau(second, options);
        second.loadStateDict(saved(first.stateDict()));
        b.loadStateDict(saved(a.stateDict()));
        assertEquals(0.9, b.best());
        assertEquals(2, b.numBadEpochs());
        for (double m : new double[] {0.97, 0.98, 0.99, 1.0, 0.5}) {
            a.step(m);
            b.step(m);
            assertEquals(first.paramGroups().get(0).lr(), second.paramGroups().get(0).lr());
        }
        assertEquals(a.lastEpoch(), b.lastEpoch());
        assertTrue(first.paramGroups().get(0).lr() < 0.1, "the run reduced the rate");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Clipping (PyTorch 1.13, float32): grads [3, 4] and [12].
    // ------------------------------------------------------------------------------------------------------------

    private static List<Parameter> withGrads(float[]... grads) {
        List<Parameter> out = new ArrayList<>();
        for (float[] g : grads) {
            Parameter p = new Parameter(Tensor.zeros(g.length));
            p.tensor().setGrad(Tensor.of(g));
            out.add(p);
        }
        return out;
    }

    @Test
    void clipGradNormMatchesPyTorch() {
        List<Parameter> p = withGrads(new float[] {3, 4}, new float[] {12});
        Tensor total = Clipping.clipGradNorm(p, 6.5);
        assertEquals(13.0, total.item(), 1e-6);
        assertEquals(device(), total.device());
        assertArrayEquals(new float[] {1.4999998807907104f, 1.9999998807907104f}, p.get(0).grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {5.999999523162842f}, p.get(1).grad().toFloatArray(), 1e-6f);

        p = withGrads(new float[] {3, -4}, new float[] {12});
        assertEquals(12.0, Clipping.clipGradNorm(p, 6.0, Double.POSITIVE_INFINITY).item(), 1e-6);
        assertArrayEquals(new float[] {1.4999998807907104f, -1.9999998807907104f}, p.get(0).grad().toFloatArray(),
                1e-6f);

        p = withGrads(new float[] {3, -4}, new float[] {12});
        assertEquals(19.0, Clipping.clipGradNorm(p, 100.0, 1).item(), 1e-5);
        assertArrayEquals(new float[] {3, -4}, p.get(0).grad().toFloatArray(), "below the limit: unchanged");
    }

    @Test
    void clipGradNormCanRefuseANonFiniteNormAsPyTorch() {
        // clip_grad_norm_([p], 1.0, error_if_nonfinite=True) with grad [3, inf]: RuntimeError, the grad left as it was
        List<Parameter> p = withGrads(new float[] {3, Float.POSITIVE_INFINITY});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Clipping.clipGradNorm(p, 1.0, 2, true));
        assertTrue(e.getMessage().startsWith("[clip_grad_norm] the total norm of order 2.0"), e.getMessage());
        assertArrayEquals(new float[] {3, Float.POSITIVE_INFINITY}, p.get(0).grad().toFloatArray());
        // with grad [3, 4]: 5, and the grad scaled to [0.6, 0.8]
        List<Parameter> q = withGrads(new float[] {3, 4});
        assertEquals(5.0, Clipping.clipGradNorm(q, 1.0, 2, true).item(), 1e-6);
        assertArrayEquals(new float[] {0.6f, 0.8f}, q.get(0).grad().toFloatArray(), 1e-6f);
    }

    @Test
    void clipGradValueMatchesPyTorch() {
        List<Parameter> p = withGrads(new float[] {3, -4}, new float[] {0.5f});
        Clipping.clipGradValue(p, 1.0);
        assertArrayEquals(new float[] {1, -1}, p.get(0).grad().toFloatArray());
        assertArrayEquals(new float[] {0.5f}, p.get(1).grad().toFloatArray());
    }

    /** A module moved after its optimizer was made: the parameters are the same objects, and the state follows. */
    @Test
    void optimizerStateFollowsTheParametersToAnotherDevice() {
        Device other = secondDevice();
        Assumptions.assumeTrue(other != null, this::noSecondDevice);
        dev.autograd4j.nn.Linear layer = new dev.autograd4j.nn.Linear(3, 2, new dev.autograd4j.Generator(0));
        layer.to(DType.FLOAT64);
        Adam opt = new Adam(layer.parameters(), new Adam.Options().lr(0.1));
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3);
        layer.forward(x).sum().backward();
        opt.step();
        Parameter weight = layer.weight();
        layer.to(other);
        assertSame(weight, layer.weight());
        assertEquals(other, weight.device());
        opt.zeroGrad();
        layer.forward(x.to(other)).sum().backward();
        opt.step();
        assertEquals(other, opt.stateDict().get("state.0.exp_avg").device());
        assertEquals(other, weight.device());
    }
}
