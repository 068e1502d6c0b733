package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks back from the logits over any chain of vector operators the head walker can differentiate
 * (linear layers, rectifiers, per-element affine ops, smooth activations, shape-only ops) to a spatial
 * reduction of a 4-D activation, a global average pooling or a flatten, and makes it a {@link HeadChain}.
 */
final class HeadChainSearch {
	private static final Set<String> RECTIFIERS = Set.of("Relu", "LeakyRelu", "PRelu");
	private static final int MAX_HEAD_OPS = 256;

	/** The head found, or the reason (naming the operator) why there is none. */
	static final class Outcome {
		final CamHead head;
		final String reason;

		private Outcome(CamHead head, String reason) {
			this.head = head;
			this.reason = reason;
		}

		static Outcome refuse(String reason) {
			return new Outcome(null, reason);
		}
	}

	private final OnnxGraph g;
	private final ShapeSource shapes;

	HeadChainSearch(OnnxGraph g, ShapeSource shapes) {
		this.g = g;
		this.shapes = shapes;
	}

	/** The chain head that computes {@code logits}, or why there is none. */
	Outcome search(String logits) {
		List<HeadOp> reversed = new ArrayList<>();
		String t = logits;
		int size = -1; // values at t, when known
		for (int step = 0; step < MAX_HEAD_OPS; step++) {
			NodeProto p = g.producer(t);
			if (p == null) {
				return Outcome.refuse("the head reaches the graph input '" + t + "' without a 4-D feature map");
			}
			String op = p.getOpType();
			Optional<GlobalPool> pool = GlobalPool.of(p, g, shapes);
			if (pool.isPresent()) {
				return finish(reversed, HeadChain.Reduce.POOL, p, pool.get().feature, pool.get().layout);
			}
			if (PassThrough.OPS.contains(op) && p.getInputCount() > 0) {
				String in = p.getInput(0);
				long[] shape = (op.equals("Flatten") || op.equals("Reshape")) ? shapes.shape(in) : null;
				if (shape != null && shape.length == 4 && nonUnitDims(shape) > 1) {
					return finish(reversed, HeadChain.Reduce.FLATTEN, p, in, layoutOf(in));
				}
				t = in;
				continue;
			}
			if (op.equals("Cast") && p.getInputCount() == 1 && OnnxGraph.intAttr(p, "to", 0) == 1) {
				t = p.getInput(0); // a cast to float of float values (tf2onnx writes them): the identity here
				continue;
			}
			if (op.equals("Transpose") && p.getInputCount() == 1) {
				long[] shape = shapes.shape(p.getInput(0));
				if (shape == null || nonUnitDims(shape) > 1) {
					return Outcome.refuse("the head contains " + OnnxGraph.describe(p) + " of a tensor with several non-unit axes, which the head walker cannot differentiate");
				}
				t = p.getInput(0);
				continue;
			}
			if (op.equals("Gemm") || op.equals("MatMul") || (op.equals("Add") && DenseLayer.addsBias(g, p))) {
				DenseLayer lin = DenseLayer.read(g, p);
				if (lin.error != null) return Outcome.refuse(lin.error);
				reversed.add(new HeadOp.Linear(OnnxGraph.describe(lin.node), lin.weights, lin.bias));
				size = lin.inputSize();
				t = lin.data;
				continue;
			}
			if (size < 0) size = vectorSize(t);
			if (RECTIFIERS.contains(op)) {
				double[] slope;
				if (op.equals("Relu")) slope = new double[] {0};
				else if (op.equals("LeakyRelu")) slope = new double[] {OnnxGraph.floatAttr(p, "alpha", 0.01f)};
				else {
					ConstTensor sl = p.getInputCount() > 1 ? g.constant(p.getInput(1)).orElse(null) : null;
					if (sl == null || (sl.size() != 1 && sl.size() != size)) {
						return Outcome.refuse("the slope of " + OnnxGraph.describe(p) + " is not a constant with one value or one per feature");
					}
					slope = new double[(int) sl.size()];
					for (int i = 0; i < slope.length; i++) slope[i] = sl.get(i);
				}
				reversed.add(new HeadOp.Rectifier(OnnxGraph.describe(p), op, slope));
				t = p.getInput(0);
				continue;
			}
			if (AffineOps.isAffine(g, p)) {
				if (size < 0) return Outcome.refuse("the size of the vector at " + OnnxGraph.describe(p) + " is unknown");
				String[] err = new String[1];
				double[][] ad = AffineOps.coefficients(g, p, size, err);
				if (ad == null) return Outcome.refuse(err[0]);
				reversed.add(new HeadOp.Affine(OnnxGraph.describe(p), ad[0], ad[1]));
				t = AffineOps.input(g, p);
				continue;
			}
			if (HeadOp.Smooth.OPS.contains(op) && p.getInputCount() >= 1) {
				reversed.add(smooth(p));
				t = p.getInput(0);
				continue;
			}
			return Outcome.refuse("the head after the feature map contains " + OnnxGraph.describe(p)
				+ ", which the head walker cannot differentiate: no class map for this model");
		}
		return Outcome.refuse("the head has more than " + MAX_HEAD_OPS + " operators");
	}

	private static HeadOp smooth(NodeProto p) {
		String op = p.getOpType();
		switch (op) {
			case "Elu": return new HeadOp.Smooth(OnnxGraph.describe(p), op, OnnxGraph.floatAttr(p, "alpha", 1f), 0, false);
			case "Celu": return new HeadOp.Smooth(OnnxGraph.describe(p), op, OnnxGraph.floatAttr(p, "alpha", 1f), 0, false);
			case "Selu": return new HeadOp.Smooth(OnnxGraph.describe(p), op, OnnxGraph.floatAttr(p, "alpha", 1.67326319217681884765625f),
				OnnxGraph.floatAttr(p, "gamma", 1.05070102214813232421875f), false);
			case "HardSigmoid": return new HeadOp.Smooth(OnnxGraph.describe(p), op, OnnxGraph.floatAttr(p, "alpha", 0.2f),
				OnnxGraph.floatAttr(p, "beta", 0.5f), false);
			case "Gelu": return new HeadOp.Smooth(OnnxGraph.describe(p), op, 0, 0,
				OnnxGraph.stringAttr(p, "approximate", "none").equals("tanh"));
			default: return new HeadOp.Smooth(OnnxGraph.describe(p), op, 0, 0, false);
		}
	}

	/** The number of values per sample of a tensor, from its probed shape, or -1. */
	private int vectorSize(String t) {
		long[] s = shapes.shape(t);
		if (s == null || s.length == 0) return -1;
		long n = 1;
		for (int i = 1; i < s.length; i++) n *= s[i];
		return n > 0 && n < Integer.MAX_VALUE ? (int) n : -1;
	}

	/** Non-batch axes longer than 1: a pooled 1x1 map has one (its channels), a spatial map more. */
	private static int nonUnitDims(long[] shape) {
		int n = 0;
		for (int i = 1; i < shape.length; i++) if (shape[i] != 1) n++;
		return n;
	}

	/** NHWC when the tensor comes from a Transpose NCHW -> NHWC (tf2onnx's Keras graphs), else NCHW. */
	private Layout layoutOf(String t) {
		NodeProto p = g.producer(PassThrough.skip(g, t));
		if (p != null && p.getOpType().equals("Transpose")) {
			long[] perm = OnnxGraph.ints(p, "perm");
			if (perm != null && Arrays.equals(perm, new long[] {0, 2, 3, 1})) return Layout.NHWC;
		}
		return Layout.NCHW;
	}

	/** The chain from {@code reduceNode} to the logits, checked to fit the feature map it reduces. */
	private Outcome finish(List<HeadOp> reversed, HeadChain.Reduce reduce, NodeProto reduceNode, String feature, Layout layout) {
		List<HeadOp> ops = new ArrayList<>(reversed);
		Collections.reverse(ops);
		HeadChain chain = new HeadChain(reduce, OnnxGraph.describe(reduceNode), ops);
		if (chain.inputSize() < 0) return Outcome.refuse("no dense layer between the feature map and the logits");
		if (chain.classes() < 1) {
			return Outcome.refuse("the sizes of the head's operators do not chain (" + chain.describe() + ")");
		}
		long[] shape = shapes.shape(feature);
		if (shape != null && shape.length == 4) {
			long k = layout == Layout.NCHW ? shape[1] : shape[3];
			long need = reduce == HeadChain.Reduce.POOL ? k : shape[1] * shape[2] * shape[3];
			if (need != chain.inputSize()) {
				return Outcome.refuse("the head expects " + chain.inputSize() + " values but the feature map '" + feature + "' "
					+ Arrays.toString(shape) + " gives " + need);
			}
		}
		return new Outcome(new CamHead(feature, layout, chain, g.depth(reduceNode)), null);
	}
}
