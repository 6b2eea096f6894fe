package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.GradMode;
import dev.autograd4j.Tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static dev.autograd4j.internal.Internal.view;

/**
 * PyTorch's tensor repr ({@code torch/_tensor_str.py} with the default print options: precision 4, line width 80,
 * summarised with 3 edge items above 1000 elements): {@code tensor([2., 3.], grad_fn=<MulBackward0>)}. Numbers are
 * rounded from their exact binary value, half to even, as Python's format does (Java's {@code %f} rounds the
 * shortest decimal half up, which differs).
 */
public final class TensorFormat {
    private static final int PRECISION = 4;
    private static final int LINE_WIDTH = 80;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    public static String format(Tensor t) {
        if (t.isClosed() || view(t).storage.isReleased()) {
            // Printing never throws (debuggers call toString): a closed tensor says so instead of its values.
            return "tensor(<closed>, size=" + pyTuple(t.shape()) + ", dtype=torch." + t.dtype().pyName()
                    + (t.device() != Device.cpu() ? ", device='" + t.device() + "'" : "") + ")";
        }
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        if (t.device() != Device.cpu()) {
            suffixes.add("device='" + t.device() + "'");
        }
        String body;
        boolean defaultDtype = t.dtype() == DType.FLOAT32 || t.dtype() == DType.INT64 || t.dtype() == DType.BOOL;
        if (t.numel() == 0) {
            if (t.dim() != 1) {
                suffixes.add("size=" + pyTuple(t.shape()));
            }
            if (t.dtype() != DType.FLOAT32) {
                suffixes.add("dtype=torch." + t.dtype().pyName());
            }
            body = "[]";
        } else {
            if (!defaultDtype) {
                suffixes.add("dtype=torch." + t.dtype().pyName());
            }
            body = tensorString(t, indent);
        }
        if (t.gradFn() != null) {
            suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes(prefix + body, suffixes, indent);
    }

    private static String pyTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensorStr);
        int lastLineLength = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The elements as doubles (or longs for integers), in row-major order, plus the shape. */
    private record Data(int[] shape, double[] values, long[] longs, DType dtype) {
        boolean integral() {
            return longs != null;
        }

        int stride(int dim) {
            int s = 1;
            for (int d = dim + 1; d < shape.length; d++) {
                s *= shape[d];
            }
            return s;
        }
    }

    /**
     * The elements shown, read from the device: all of them, or when the tensor is summarised (more than
     * {@link #THRESHOLD} elements), only the {@link #EDGE_ITEMS} first and last along each long dim (PyTorch's
     * get_summarized_data), so printing a big tensor never copies it whole to the host. Every dim of the data then
     * has at most {@code 2 * EDGE_ITEMS} entries; the tensor's own shape decides where "..." goes.
     */
    private static String tensorString(Tensor t, int indent) {
        boolean summarize = t.numel() > THRESHOLD;
        Tensor shown = summarize ? edges(t) : t;
        Data data = t.dtype().isIntegral()
                ? new Data(shown.shape(), null, shown.toLongArray(), t.dtype())
                : new Data(shown.shape(), shown.toDoubleArray(), null, t.dtype());
        Formatter formatter = new Formatter(data);
        StringBuilder sb = new StringBuilder();
        appendTensor(sb, data, t.shape(), 0, 0, indent, formatter);
        return sb.toString();
    }

    private static Tensor edges(Tensor t) {
        try (GradMode.Guard ignored = GradMode.noGrad()) {
            Tensor s = t.detach();
            for (int d = 0; d < s.dim(); d++) {
                int size = s.size(d);
                if (size > 2 * EDGE_ITEMS) {
                    s = Tensor.cat(List.of(s.narrow(d, 0, EDGE_ITEMS), s.narrow(d, size - EDGE_ITEMS, EDGE_ITEMS)), d);
                }
            }
            return s;
        }
    }

    /**
     * The indices to print along a dim of {@code size} entries in the data ({@code -1}: the "..." marker, where the
     * summarised data skipped entries of the tensor's {@code originalSize}).
     */
    private static List<Integer> rows(int size, int originalSize) {
        List<Integer> rows = new ArrayList<>();
        boolean elide = originalSize > size;
        for (int i = 0; i < size; i++) {
            if (elide && i == EDGE_ITEMS) {
                rows.add(-1);
            }
            rows.add(i);
        }
        return rows;
    }

    private static void appendTensor(StringBuilder sb, Data data, int[] original, int dim, int offset, int indent,
                                     Formatter f) {
        int rank = data.shape.length;
        if (rank == 0) {
            sb.append(f.format(data, 0));
            return;
        }
        int size = data.shape[dim];
        if (dim == rank - 1) {
            appendVector(sb, data, offset, rows(size, original[dim]), indent, f);
            return;
        }
        int stride = data.stride(dim);
        List<Integer> rows = rows(size, original[dim]);
        String separator = "," + "\n".repeat(rank - dim - 1) + " ".repeat(indent + 1);
        sb.append('[');
        for (int k = 0; k < rows.size(); k++) {
            if (k > 0) {
                sb.append(separator);
            }
            int i = rows.get(k);
            if (i < 0) {
                sb.append("...");
            } else {
                appendTensor(sb, data, original, dim + 1, offset + i * stride, indent + 1, f);
            }
        }
        sb.append(']');
    }

    private static void appendVector(StringBuilder sb, Data data, int offset, List<Integer> rows, int indent,
                                     Formatter f) {
        int elementLength = f.maxWidth + 2;
        int perLine = Math.max(1, (LINE_WIDTH - indent) / elementLength);
        List<String> items = new ArrayList<>();
        for (int i : rows) {
            items.add(i < 0 ? " ..." : f.format(data, offset + i));
        }
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
            }
            sb.append(items.get(i));
        }
        sb.append(']');
    }

    /** PyTorch's _Formatter: picks integer, fixed or scientific notation and the column width. */
    private static final class Formatter {
        final boolean floating;
        boolean intMode = true;
        boolean sciMode;
        int maxWidth = 1;

        Formatter(Data data) {
            floating = !data.integral() && data.dtype != DType.BOOL;
            int n = data.integral() ? data.longs.length : data.values.length;
            List<Integer> shown = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                shown.add(i); // the data holds exactly the elements shown
            }
            if (!floating) {
                for (int i : shown) {
                    maxWidth = Math.max(maxWidth, plain(data, i).length());
                }
                return;
            }
            List<Double> finite = new ArrayList<>();
            for (int i : shown) {
                double v = data.values[i];
                if (Double.isFinite(v) && v != 0) {
                    finite.add(v);
                }
            }
            if (finite.isEmpty()) {
                return;
            }
            double min = Double.POSITIVE_INFINITY, max = 0;
            for (double v : finite) {
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                if (v != Math.ceil(v)) {
                    intMode = false;
                }
            }
            if (intMode) {
                if (max / min > 1000.0 || max > 1.0e8) {
                    sciMode = true;
                    for (double v : finite) {
                        maxWidth = Math.max(maxWidth, scientific(v).length());
                    }
                } else {
                    for (double v : finite) {
                        maxWidth = Math.max(maxWidth, fixed(v, 0).length() + 1);
                    }
                }
            } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
                sciMode = true;
                for (double v : finite) {
                    maxWidth = Math.max(maxWidth, scientific(v).length());
                }
            } else {
                for (double v : finite) {
                    maxWidth = Math.max(maxWidth, fixed(v, PRECISION).length());
                }
            }
        }

        String format(Data data, int i) {
            String s;
            if (floating) {
                double v = data.values[i];
                if (sciMode) {
                    s = scientific(v);
                } else if (intMode) {
                    s = fixed(v, 0);
                    if (Double.isFinite(v)) {
                        s += ".";
                    }
                } else {
                    s = fixed(v, PRECISION);
                }
            } else {
                s = plain(data, i);
            }
            return s.length() >= maxWidth ? s : " ".repeat(maxWidth - s.length()) + s;
        }

        private static String plain(Data data, int i) {
            if (data.dtype == DType.BOOL) {
                return data.values[i] != 0 ? "True" : "False";
            }
            return Long.toString(data.longs[i]);
        }

        /** The indices the width is computed from: all, or only the edge items when summarising. */

    }

    /** Python's {@code f"{v:.Nf}"}: the exact binary value rounded half to even. */
    static String fixed(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        if (negative && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** Python's {@code f"{v:.4e}"}: {@code 1.2346e-05}, exponent with a sign and at least two digits. */
    static String scientific(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String mantissa;
        int exponent;
        if (v == 0) {
            mantissa = "0." + "0".repeat(PRECISION);
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            String digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
            digits = (digits + "0".repeat(PRECISION + 1)).substring(0, PRECISION + 1);
            mantissa = digits.charAt(0) + "." + digits.substring(1);
        }
        String exp = String.format("%02d", Math.abs(exponent));
        return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
