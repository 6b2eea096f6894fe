package dev.autograd4j;

import dev.autograd4j.nn.Functional;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each op's grad_fn carries PyTorch's node name (as printed by PyTorch 2.x for the same expression). */
class GradFnNameTest {

    @Test
    void namesMatchPyTorch() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor m = w.view(1, 3);
        Map<String, Supplier<Tensor>> cases = new java.util.LinkedHashMap<>();
        cases.put("AddBackward0", () -> w.add(w));
        cases.put("SubBackward0", () -> w.sub(1.0));
        cases.put("RsubBackward1", () -> w.rsub(1.0));
        cases.put("MulBackward0", () -> w.mul(2.0));
        cases.put("DivBackward0", () -> w.div(w));
        cases.put("NegBackward0", w::neg);
        cases.put("PowBackward0", () -> w.pow(2));
        cases.put("PowBackward1", () -> w.pow(w));
        cases.put("ExpBackward0", w::exp);
        cases.put("LogBackward0", w::log);
        cases.put("SqrtBackward0", w::sqrt);
        cases.put("AbsBackward0", w::abs);
        cases.put("SinBackward0", w::sin);
        cases.put("CosBackward0", w::cos);
        cases.put("TanhBackward0", w::tanh);
        cases.put("SigmoidBackward0", w::sigmoid);
        cases.put("ReluBackward0", w::relu);
        cases.put("LeakyReluBackward0", () -> Functional.leakyRelu(w));
        cases.put("GeluBackward0", () -> Functional.gelu(w));
        cases.put("SoftplusBackward0", () -> Functional.softplus(w));
        cases.put("ClampBackward1", () -> w.clamp(0, 1));
        cases.put("MaximumBackward0", () -> w.maximum(w));
        cases.put("MinimumBackward0", () -> w.minimum(w));
        cases.put("WhereBackward0", () -> Tensor.where(w.gt(1.0), w, w));
        cases.put("SumBackward0", w::sum);
        cases.put("SumBackward1", () -> w.sum(0, false));
        cases.put("MeanBackward0", w::mean);
        cases.put("MeanBackward1", () -> w.mean(0, true));
        cases.put("MaxBackward1", w::max);
        cases.put("MaxBackward0", () -> w.max(0, false).values());
        cases.put("AmaxBackward0", () -> w.amax(new int[] {0}, false));
        cases.put("VarBackward0", w::var);
        cases.put("LogsumexpBackward0", () -> w.logsumexp(0, false));
        cases.put("DotBackward0", () -> w.matmul(w));
        cases.put("MvBackward0", () -> m.matmul(w));
        cases.put("MmBackward0", () -> m.matmul(m.t()));
        cases.put("AddmmBackward0", () -> Functional.linear(m, m, w.narrow(0, 0, 1)));
        cases.put("SoftmaxBackward0", () -> w.softmax(0));
        cases.put("LogSoftmaxBackward0", () -> w.logSoftmax(0));
        cases.put("NllLossBackward0", () -> Functional.crossEntropy(m, Tensor.of(new long[] {2})));
        cases.put("MseLossBackward0", () -> Functional.mseLoss(w, w.detach()));
        cases.put("EmbeddingBackward0", () -> Functional.embedding(Tensor.of(new long[] {0}), m.t()));
        cases.put("IndexSelectBackward0", () -> w.indexSelect(0, Tensor.of(new long[] {0})));
        cases.put("GatherBackward0", () -> w.gather(0, Tensor.of(new long[] {0})));
        cases.put("CatBackward0", () -> Tensor.cat(List.of(w, w), 0));
        cases.put("StackBackward0", () -> Tensor.stack(List.of(w, w), 0));
        cases.put("NativeLayerNormBackward0", () -> Functional.layerNorm(w, new int[] {3}, null, null));
        cases.put("NativeDropoutBackward0", () -> Functional.dropout(w, 0.5, true, new Generator(0)));
        cases.put("ViewBackward0", () -> w.view(3, 1));
        cases.put("TBackward0", m::t);
        cases.put("TransposeBackward0", () -> m.transpose(0, 1));
        cases.put("PermuteBackward0", () -> m.permute(1, 0));
        cases.put("ExpandBackward0", () -> m.expand(2, 3));
        cases.put("SliceBackward0", () -> w.narrow(0, 0, 2));
        cases.put("SelectBackward0", () -> w.select(0, 1));
        cases.put("SqueezeBackward0", m::squeeze);
        cases.put("SqueezeBackward1", () -> m.squeeze(0));
        cases.put("UnsqueezeBackward0", () -> w.unsqueeze(0));
        cases.put("CloneBackward0", w::clone);
        cases.put("ToCopyBackward0", () -> w.to(DType.FLOAT64));
        cases.forEach((name, op) -> assertEquals(name, op.get().gradFn().name(), name));
    }
}
