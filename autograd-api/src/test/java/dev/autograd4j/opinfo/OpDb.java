package dev.autograd4j.opinfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The op database: one entry per public op of {@code Tensor} and {@code nn.Functional}, like PyTorch's
 * {@code op_db}. The suites in {@code dev.autograd4j.suites} run every entry on a device; {@code OpDbCompletenessTest}
 * fails when a public method has no sample. Listing it creates no tensor and needs no backend.
 */
public final class OpDb {
    private static final List<OpInfo> ALL = build();

    private OpDb() {
    }

    private static List<OpInfo> build() {
        List<OpInfo> db = new ArrayList<>();
        db.addAll(PointwiseDb.entries());
        db.addAll(ReductionDb.entries());
        db.addAll(NnDb.entries());
        db.addAll(ShapeDb.entries());
        db.addAll(InPlaceDb.entries());
        db.addAll(FactoryDb.entries());
        db.addAll(ActivationLossDb.entries());
        db.addAll(ConvDb.entries());
        db.addAll(ModelOpsDb.entries());
        db.addAll(UtilityOpsDb.entries());
        db.addAll(QuotientDb.entries());
        db.addAll(ScanDb.entries());
        Set<String> names = new HashSet<>();
        for (OpInfo op : db) {
            if (!names.add(op.name)) {
                throw new IllegalStateException("two entries are named " + op.name);
            }
        }
        return Collections.unmodifiableList(db);
    }

    /** Every entry. */
    public static List<OpInfo> all() {
        return ALL;
    }

    /** The entry named {@code name}. */
    public static OpInfo get(String name) {
        for (OpInfo op : ALL) {
            if (op.name.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no entry named " + name);
    }
}
