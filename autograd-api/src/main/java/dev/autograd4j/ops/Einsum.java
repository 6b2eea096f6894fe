package dev.autograd4j.ops;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code torch.einsum}, composed from differentiable ops so its gradient (and its second derivative) comes for
 * free: a subscript repeated within an operand takes a diagonal, a subscript that no later operand and not the
 * output needs is summed away early, and two operands are contracted with one batched matmul after a permute and
 * reshape to {@code [batch, left, contracted]} and {@code [batch, contracted, right]}. Operands are contracted
 * left to right. Subscripts are {@code a-z} and {@code A-Z}; {@code ...} stands for broadcast dims, and size-1
 * dims broadcast. Without {@code ->} the output is the ellipsis dims, then the subscripts that appear once, in
 * PyTorch's order (upper case before lower case).
 */
public final class Einsum {
    private static final int ELLIPSIS = 52;

    private Einsum() {
    }

    /** A tensor with one label per dim. */
    private record Term(Tensor t, List<Integer> labels) {
    }

    /**
     * {@code torch.einsum(equation, *operands)}, as the class comment describes.
     *
     * @param equation the subscripts
     * @param operands one tensor per term
     * @return the result
     * @throws IllegalArgumentException for a malformed equation, or operands that do not match it or each other
     */
    public static Tensor einsum(String equation, Tensor... operands) {
        if (operands.length == 0) {
            throw Errors.argument("einsum", "must provide at least one operand");
        }
        for (Tensor t : operands) {
            Dispatch.checkLive("einsum", t);
            Dispatch.device("einsum", operands[0], t);
            if (t.dtype() != operands[0].dtype()) {
                throw Errors.dtypes("einsum", "expected all operands to have the same dtype", operands[0].dtype(),
                        t.dtype());
            }
        }
        if (!operands[0].dtype().isFloatingPoint()) {
            throw Errors.argument("einsum", "is only implemented for float32 and float64, got " + operands[0].dtype());
        }
        String eq = equation.replace(" ", "");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        String[] terms = lhs.split(",", -1);
        if (terms.length != operands.length) {
            throw Errors.argument("einsum", (terms.length > operands.length ? "fewer" : "more") + " operands were"
                    + " provided (" + operands.length + ") than specified in the equation '" + equation + "' ("
                    + terms.length + ")");
        }
        int ellipsisDims = 0;
        List<List<Integer>> parsed = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            List<Integer> labels = parse(terms[i], equation);
            int letters = (int) labels.stream().filter(l -> l >= 0).count();
            boolean hasEllipsis = labels.contains(-1);
            int rank = operands[i].dim();
            if (hasEllipsis ? letters > rank : letters != rank) {
                throw Errors.argument("einsum", "the number of subscripts in the equation (" + letters + ") does not"
                        + " match the number of dimensions (" + rank + ") for operand " + i
                        + (hasEllipsis ? "" : " and no ellipsis was given"));
            }
            ellipsisDims = Math.max(ellipsisDims, rank - letters);
            parsed.add(labels);
        }
        List<Term> inputs = new ArrayList<>();
        int[] count = new int[ELLIPSIS];
        for (int i = 0; i < operands.length; i++) {
            int e = operands[i].dim() - (int) parsed.get(i).stream().filter(l -> l >= 0).count();
            List<Integer> labels = new ArrayList<>();
            for (int l : parsed.get(i)) {
                if (l == -1) {
                    for (int k = 0; k < e; k++) {
                        labels.add(ELLIPSIS + ellipsisDims - e + k);
                    }
                } else {
                    labels.add(l);
                    count[l]++;
                }
            }
            inputs.add(diagonals(new Term(operands[i], labels)));
        }
        List<Integer> output = new ArrayList<>();
        if (arrow < 0) {
            for (int k = 0; k < ellipsisDims; k++) {
                output.add(ELLIPSIS + k);
            }
            for (int l = 0; l < ELLIPSIS; l++) {
                if (count[l] == 1) {
                    output.add(l);
                }
            }
        } else {
            for (int l : parse(eq.substring(arrow + 2), equation)) {
                if (l == -1) {
                    for (int k = 0; k < ellipsisDims; k++) {
                        output.add(ELLIPSIS + k);
                    }
                } else if (count[l] == 0) {
                    throw Errors.argument("einsum", "output subscript " + name(l) + " does not appear in the equation"
                            + " for any input operand");
                } else if (output.contains(l)) {
                    throw Errors.argument("einsum", "output subscript " + name(l) + " appears more than once in the"
                            + " output");
                } else {
                    output.add(l);
                }
            }
        }
        checkSizes(inputs);
        Term result = inputs.get(0);
        for (int i = 1; i <= inputs.size(); i++) {
            Set<Integer> needed = new HashSet<>(output); // by the output or an operand after the next
            for (int j = i + 1; j < inputs.size(); j++) {
                needed.addAll(inputs.get(j).labels);
            }
            if (i == inputs.size()) {
                result = sumAway(result, needed);
            } else {
                Term next = inputs.get(i);
                Set<Integer> keepLeft = new HashSet<>(needed), keepRight = new HashSet<>(needed);
                keepLeft.addAll(next.labels);
                keepRight.addAll(result.labels);
                result = contract(sumAway(result, keepLeft), sumAway(next, keepRight), needed);
            }
        }
        int[] order = new int[output.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = result.labels.indexOf(output.get(k));
        }
        return result.t.permute(order);
    }

    /** Labels 0-25 for A-Z, 26-51 for a-z (PyTorch's order), -1 for an ellipsis. */
    private static List<Integer> parse(String term, String equation) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '.') {
                if (!term.startsWith("...", i) || out.contains(-1)) {
                    throw Errors.argument("einsum", "found '.' that is not part of a single ellipsis in '" + equation
                            + "'");
                }
                out.add(-1);
                i += 2;
            } else if (c >= 'A' && c <= 'Z') {
                out.add(c - 'A');
            } else if (c >= 'a' && c <= 'z') {
                out.add(26 + c - 'a');
            } else {
                throw Errors.argument("einsum", "invalid subscript '" + c + "' in the equation '" + equation
                        + "': subscripts must be in [a-zA-Z]");
            }
        }
        return out;
    }

    private static String name(int label) {
        return label >= ELLIPSIS ? "..." : String.valueOf((char) (label < 26 ? 'A' + label : 'a' + label - 26));
    }

    /** A subscript repeated within one operand ({@code ii}) takes the diagonal of those dims. */
    private static Term diagonals(Term term) {
        List<Integer> labels = new ArrayList<>(term.labels);
        Tensor t = term.t;
        for (int p = 0; p < labels.size(); p++) {
            int q = labels.subList(p + 1, labels.size()).indexOf(labels.get(p));
            if (q < 0) {
                continue;
            }
            q += p + 1;
            if (t.size(p) != t.size(q)) {
                throw Errors.argument("einsum", "subscript " + name(labels.get(p)) + " is repeated for an operand of"
                        + " shape " + Errors.shape(term.t.shape()) + " but the sizes don't match, " + t.size(p)
                        + " != " + t.size(q));
            }
            t = Rearrange.diagonal(t, 0, p, q);
            int label = labels.get(p);
            labels.remove(q);
            labels.remove(p);
            labels.add(label);
            p = -1;
        }
        return new Term(t, labels);
    }

    /** Each label's sizes agree across operands, or are 1 (broadcast). */
    private static void checkSizes(List<Term> inputs) {
        int[] seen = new int[ELLIPSIS * 2];
        Arrays.fill(seen, 1);
        for (int i = 0; i < inputs.size(); i++) {
            Term term = inputs.get(i);
            for (int k = 0; k < term.labels.size(); k++) {
                int l = term.labels.get(k), size = term.t.size(k);
                if (size != 1 && seen[l] != 1 && seen[l] != size) {
                    throw Errors.argument("einsum", "subscript " + name(l) + " has size " + size + " for operand " + i
                            + " which does not broadcast with previously seen size " + seen[l]);
                }
                if (size != 1) {
                    seen[l] = size;
                }
            }
        }
    }

    /** Sums the dims whose labels are not in {@code keep}. */
    private static Term sumAway(Term term, Set<Integer> keep) {
        List<Integer> dims = new ArrayList<>(), labels = new ArrayList<>();
        for (int k = 0; k < term.labels.size(); k++) {
            if (keep.contains(term.labels.get(k))) {
                labels.add(term.labels.get(k));
            } else {
                dims.add(k);
            }
        }
        if (dims.isEmpty()) {
            return term;
        }
        return new Term(term.t.sum(dims.stream().mapToInt(Integer::intValue).toArray(), false), labels);
    }

    /**
     * Contracts two operands: labels in both and in {@code needed} are batch dims, labels in both and not needed are
     * summed by the matmul, the rest stay on their side.
     */
    private static Term contract(Term a, Term b, Set<Integer> needed) {
        List<Integer> batch = new ArrayList<>(), summed = new ArrayList<>(), left = new ArrayList<>(),
                right = new ArrayList<>();
        for (int l : a.labels) {
            if (b.labels.contains(l)) {
                (needed.contains(l) ? batch : summed).add(l);
            } else {
                left.add(l);
            }
        }
        for (int l : b.labels) {
            if (!a.labels.contains(l)) {
                right.add(l);
            }
        }
        Tensor ta = arrange(a, batch, left, summed, b), tb = arrange(b, batch, summed, right, a);
        int[] shape = new int[batch.size() + left.size() + right.size()];
        int k = 0;
        for (int l : batch) {
            shape[k++] = Math.max(a.t.size(a.labels.indexOf(l)), b.t.size(b.labels.indexOf(l)));
        }
        for (int l : left) {
            shape[k++] = a.t.size(a.labels.indexOf(l));
        }
        for (int l : right) {
            shape[k++] = b.t.size(b.labels.indexOf(l));
        }
        List<Integer> labels = new ArrayList<>(batch);
        labels.addAll(left);
        labels.addAll(right);
        return new Term(ta.matmul(tb).reshape(shape), labels);
    }

    /**
     * {@code term} permuted to {@code first + second + third}, the shared labels expanded to the other operand's size
     * where this one has 1, and reshaped to three dims.
     */
    private static Tensor arrange(Term term, List<Integer> first, List<Integer> second, List<Integer> third,
                                  Term other) {
        List<Integer> order = new ArrayList<>(first);
        order.addAll(second);
        order.addAll(third);
        int[] perm = new int[order.size()], sizes = new int[order.size()];
        for (int k = 0; k < perm.length; k++) {
            perm[k] = term.labels.indexOf(order.get(k));
            int own = term.t.size(perm[k]);
            int at = other.labels.indexOf(order.get(k));
            sizes[k] = at >= 0 ? Math.max(own, other.t.size(at)) : own;
        }
        Tensor t = term.t.permute(perm).expand(sizes);
        int[] merged = new int[3];
        int k = 0;
        List<List<Integer>> groups = List.of(first, second, third);
        for (int g = 0; g < 3; g++) {
            long p = 1;
            for (int i = 0; i < groups.get(g).size(); i++) {
                p *= sizes[k++];
            }
            if (p > Integer.MAX_VALUE - 8) { // one dim of the batched matmul; it was a silent int overflow
                throw Errors.argument("einsum", "the operand of shape " + Errors.shape(t.shape()) + " merges "
                        + p + " elements into one dimension of its matmul, more than " + (Integer.MAX_VALUE - 8));
            }
            merged[g] = (int) p;
        }
        return t.reshape(merged);
    }
}
