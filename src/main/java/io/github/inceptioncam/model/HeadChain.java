package io.github.inceptioncam.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A classifier head as the chain of operators found between the last 4-D activation {@code A} and the
 * pre-softmax logits: a spatial reduction of {@code A} to a vector (global average pooling, or a
 * flatten), then vector operators ({@link HeadOp}) in forward order.
 */
public final class HeadChain {
	/** How {@code A} becomes a vector. */
	public enum Reduce {
		/** {@code v_k = mean_xy A_k(y,x)}. */
		POOL,
		/** {@code v} = {@code A} flattened in its own memory order (NCHW or NHWC). */
		FLATTEN
	}

	private final Reduce reduce;
	private final String reduceNode;
	private final List<HeadOp> ops;

	public HeadChain(Reduce reduce, String reduceNode, List<HeadOp> ops) {
		this.reduce = reduce;
		this.reduceNode = reduceNode;
		this.ops = Collections.unmodifiableList(new ArrayList<>(ops));
	}

	public Reduce reduce() {
		return reduce;
	}

	public List<HeadOp> ops() {
		return ops;
	}

	/** Whether every operator is piecewise linear: the map then satisfies the identity exactly. */
	public boolean exact() {
		for (HeadOp op : ops) if (!op.piecewiseLinear()) return false;
		return true;
	}

	/** The size of the reduced vector the first operator expects. */
	public int inputSize() {
		for (HeadOp op : ops) if (op instanceof HeadOp.Linear) return ((HeadOp.Linear) op).in();
		return -1;
	}

	/** The number of logits, or -1 when no operator fixes it. */
	public int classes() {
		int n = inputSize();
		for (HeadOp op : ops) {
			if (n < 0) return -1;
			n = op.outSize(n);
		}
		return n;
	}

	/** The chain for reports, e.g. {@code GlobalAveragePool -> Gemm 2048->256 -> Relu -> Gemm 256->5}. */
	public String describe() {
		StringBuilder sb = new StringBuilder(reduceNode.split(" ")[0]);
		if (reduce == Reduce.FLATTEN) sb.append(" (flatten)");
		for (HeadOp op : ops) sb.append(" -> ").append(op.describe());
		return sb.toString();
	}
}
