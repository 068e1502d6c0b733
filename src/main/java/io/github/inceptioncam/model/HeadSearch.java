package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the main classifier output and its CAM head by pattern (never by layer name): walking back
 * from each graph output over an optional softmax, a linear layer ({@code Gemm}, {@code MatMul}
 * [+ {@code Add}] or 1x1 {@code Conv}) and shape-only ops, to a global average pooling
 * ({@code GlobalAveragePool}, spatial {@code ReduceMean}, or an {@code AveragePool} covering the map).
 * Among several heads (auxiliary classifiers) the deepest pooling wins, whatever the output order.
 */
public final class HeadSearch {
	private static final Set<String> PASS_THROUGH =
		Set.of("Identity", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze");

	private final OnnxGraph g;
	private final ShapeSource shapes;

	private HeadSearch(OnnxGraph g, ShapeSource shapes) {
		this.g = g;
		this.shapes = shapes;
	}

	public static HeadSearchResult search(OnnxGraph graph, ShapeSource shapes) {
		return new HeadSearch(graph, shapes).run();
	}

	/** What the walk back from one output found. */
	private static final class Walk {
		String output;
		String logits;
		boolean softmax;
		CamHead head;
		String reason;
		int index;
	}

	private HeadSearchResult run() {
		List<Walk> walks = new ArrayList<>();
		List<ValueInfoProto> outs = g.outputs();
		for (int i = 0; i < outs.size(); i++) {
			Walk w = walk(outs.get(i).getName());
			w.index = i;
			walks.add(w);
		}
		if (walks.isEmpty()) return new HeadSearchResult(null, null, false, null, "the graph has no outputs", List.of());
		Walk best = null;
		for (Walk w : walks) {
			if (w.head == null) continue;
			if (best == null || w.head.poolDepth() > best.head.poolDepth()) best = w;
		}
		if (best == null) best = walks.get(0);
		List<String> ignored = new ArrayList<>();
		for (Walk w : walks) {
			if (w == best) continue;
			String why;
			if (w.head == null) why = "not a pooled classifier output";
			else if (best.head != null && w.head.poolNode().equals(best.head.poolNode())) why = "same head as '" + best.output + "'";
			else why = "shallower head (auxiliary classifier at " + w.head.poolNode() + ")";
			ignored.add(w.output + ": " + why);
		}
		return new HeadSearchResult(best.output, best.logits, best.softmax, best.head,
			best.head == null ? best.reason : null, ignored);
	}

	private String skipPassThrough(String t) {
		NodeProto p;
		while ((p = g.producer(t)) != null && PASS_THROUGH.contains(p.getOpType()) && p.getInputCount() > 0) {
			t = p.getInput(0);
		}
		return t;
	}

	private Walk walk(String output) {
		Walk w = new Walk();
		w.output = output;
		w.logits = output;
		String t = skipPassThrough(output);
		NodeProto p = g.producer(t);
		if (p != null && (p.getOpType().equals("Softmax") || p.getOpType().equals("LogSoftmax"))) {
			w.softmax = true;
			w.logits = p.getInput(0);
			t = skipPassThrough(w.logits);
			p = g.producer(t);
		}
		if (p == null) {
			w.reason = "output '" + output + "' is not computed by any node";
			return w;
		}
		// NIN-style: the pooling itself yields the logits.
		Optional<Pool> direct = pool(p);
		if (direct.isPresent()) {
			Pool pl = direct.get();
			w.head = new CamHead(CamHead.Kind.CLASS_MAPS, pl.feature, pl.layout, null, null,
				OnnxGraph.describe(p), null, g.depth(p));
			return w;
		}
		Linear lin = linear(p);
		if (lin.error != null) {
			w.reason = lin.error;
			return chain(w);
		}
		String before = skipPassThrough(lin.data);
		NodeProto q = g.producer(before);
		// per-channel affine ops between pooling and classifier (BatchNormalization, Mul, Add, Sub, Div by
		// constants) commute with the average: fold them into the classifier
		while (q != null && isAffine(q)) {
			String err = foldAffine(q, lin);
			if (err != null) {
				w.reason = err;
				return w;
			}
			before = skipPassThrough(affineInput(q));
			q = g.producer(before);
		}
		if (q == null) {
			w.reason = "the classifier " + OnnxGraph.describe(lin.node) + " reads a graph input, not pooled features";
			return w;
		}
		Optional<Pool> pool = pool(q);
		if (!pool.isPresent()) {
			w.reason = "the classifier " + OnnxGraph.describe(lin.node) + " is fed by " + OnnxGraph.describe(q)
				+ ", not by a global average pooling";
			return chain(w);
		}
		w.head = new CamHead(CamHead.Kind.LINEAR, pool.get().feature, pool.get().layout, lin.weights, lin.bias,
			OnnxGraph.describe(q), OnnxGraph.describe(lin.node), g.depth(q));
		return w;
	}

	private static final Set<String> RECTIFIERS = Set.of("Relu", "LeakyRelu", "PRelu");
	private static final int MAX_HEAD_OPS = 256;

	/**
	 * Walks back from the logits over any chain of vector operators the head walker can differentiate
	 * (linear layers, rectifiers, per-element affine ops, smooth activations, shape-only ops) to a
	 * spatial reduction of a 4-D activation: a global average pooling, or a flatten. Sets the head,
	 * or the reason (naming the operator) why there is none.
	 */
	private Walk chain(Walk w) {
		List<HeadOp> reversed = new ArrayList<>();
		String t = w.logits;
		int size = -1; // values at t, when known
		for (int step = 0; step < MAX_HEAD_OPS; step++) {
			NodeProto p = g.producer(t);
			if (p == null) {
				w.reason = "the head reaches the graph input '" + t + "' without a 4-D feature map";
				return w;
			}
			String op = p.getOpType();
			Optional<Pool> pool = pool(p);
			if (pool.isPresent()) {
				return finishChain(w, reversed, HeadChain.Reduce.POOL, p, pool.get().feature, pool.get().layout);
			}
			if (PASS_THROUGH.contains(op) && p.getInputCount() > 0) {
				String in = p.getInput(0);
				long[] shape = (op.equals("Flatten") || op.equals("Reshape")) ? shapes.shape(in) : null;
				if (shape != null && shape.length == 4 && nonUnitDims(shape) > 1) {
					return finishChain(w, reversed, HeadChain.Reduce.FLATTEN, p, in, layoutOf(in));
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
					w.reason = "the head contains " + OnnxGraph.describe(p) + " of a tensor with several non-unit axes, which the head walker cannot differentiate";
					return w;
				}
				t = p.getInput(0);
				continue;
			}
			if (op.equals("Gemm") || op.equals("MatMul") || (op.equals("Add") && addsToLinear(p))) {
				Linear lin = linear(p);
				if (lin.error != null) {
					w.reason = lin.error;
					return w;
				}
				reversed.add(new HeadOp.Linear(OnnxGraph.describe(lin.node), lin.weights, lin.bias));
				size = lin.weights.length == 0 ? 0 : lin.weights[0].length;
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
						w.reason = "the slope of " + OnnxGraph.describe(p) + " is not a constant with one value or one per feature";
						return w;
					}
					slope = new double[(int) sl.size()];
					for (int i = 0; i < slope.length; i++) slope[i] = sl.get(i);
				}
				reversed.add(new HeadOp.Rectifier(OnnxGraph.describe(p), op, slope));
				t = p.getInput(0);
				continue;
			}
			if (isAffine(p)) {
				if (size < 0) {
					w.reason = "the size of the vector at " + OnnxGraph.describe(p) + " is unknown";
					return w;
				}
				String[] err = new String[1];
				double[][] ad = affineCoefficients(p, size, err);
				if (ad == null) {
					w.reason = err[0];
					return w;
				}
				reversed.add(new HeadOp.Affine(OnnxGraph.describe(p), ad[0], ad[1]));
				t = affineInput(p);
				continue;
			}
			if (HeadOp.Smooth.OPS.contains(op) && p.getInputCount() >= 1) {
				reversed.add(smooth(p));
				t = p.getInput(0);
				continue;
			}
			w.reason = "the head after the feature map contains " + OnnxGraph.describe(p)
				+ ", which the head walker cannot differentiate: no class map for this model";
			return w;
		}
		w.reason = "the head has more than " + MAX_HEAD_OPS + " operators";
		return w;
	}

	private HeadOp smooth(NodeProto p) {
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

	/** Whether an Add adds a constant to the output of a MatMul or Gemm (a dense layer's bias). */
	private boolean addsToLinear(NodeProto p) {
		if (p.getInputCount() != 2) return false;
		String a = p.getInput(0), b = p.getInput(1);
		String other = g.isConstant(b) ? a : g.isConstant(a) ? b : null;
		if (other == null) return false;
		NodeProto mm = g.producer(skipPassThrough(other));
		return mm != null && (mm.getOpType().equals("MatMul") || mm.getOpType().equals("Gemm"));
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
		NodeProto p = g.producer(t);
		while (p != null && PASS_THROUGH.contains(p.getOpType()) && p.getInputCount() > 0) p = g.producer(p.getInput(0));
		if (p != null && p.getOpType().equals("Transpose")) {
			long[] perm = OnnxGraph.ints(p, "perm");
			if (perm != null && Arrays.equals(perm, new long[] {0, 2, 3, 1})) return Layout.NHWC;
		}
		return Layout.NCHW;
	}

	private Walk finishChain(Walk w, List<HeadOp> reversed, HeadChain.Reduce reduce, NodeProto reduceNode, String feature,
			Layout layout) {
		List<HeadOp> ops = new ArrayList<>(reversed);
		java.util.Collections.reverse(ops);
		HeadChain chain = new HeadChain(reduce, OnnxGraph.describe(reduceNode), ops);
		if (chain.inputSize() < 0) {
			w.reason = "no dense layer between the feature map and the logits";
			return w;
		}
		if (chain.classes() < 1) {
			w.reason = "the sizes of the head's operators do not chain (" + chain.describe() + ")";
			return w;
		}
		long[] shape = shapes.shape(feature);
		if (shape != null && shape.length == 4) {
			long k = layout == Layout.NCHW ? shape[1] : shape[3];
			long need = reduce == HeadChain.Reduce.POOL ? k : shape[1] * shape[2] * shape[3];
			if (need != chain.inputSize()) {
				w.reason = "the head expects " + chain.inputSize() + " values but the feature map '" + feature + "' "
					+ Arrays.toString(shape) + " gives " + need;
				return w;
			}
		}
		w.reason = null;
		w.head = new CamHead(feature, layout, chain, g.depth(reduceNode));
		return w;
	}

	private static final Set<String> AFFINE = Set.of("BatchNormalization", "Mul", "Add", "Sub", "Div");

	/** An elementwise op of the features with constants only. */
	private boolean isAffine(NodeProto n) {
		if (!AFFINE.contains(n.getOpType())) return false;
		if (n.getOpType().equals("BatchNormalization")) {
			for (int i = 1; i < 5; i++) if (n.getInputCount() <= i || !g.isConstant(n.getInput(i))) return false;
			return !g.isConstant(n.getInput(0));
		}
		return n.getInputCount() == 2 && (g.isConstant(n.getInput(0)) != g.isConstant(n.getInput(1)));
	}

	private String affineInput(NodeProto n) {
		if (n.getOpType().equals("BatchNormalization")) return n.getInput(0);
		return g.isConstant(n.getInput(0)) ? n.getInput(1) : n.getInput(0);
	}

	/** Per-channel values of a constant: K values, or one broadcast; null for any other shape. */
	private double[] perChannel(String tensor, int k) {
		ConstTensor t = g.constant(tensor).orElse(null);
		if (t == null) return null;
		double[] out = new double[k];
		if (t.size() == 1) {
			Arrays.fill(out, t.get(0));
			return out;
		}
		if (t.size() != k) return null;
		for (int i = 0; i < k; i++) out[i] = t.get(i);
		return out;
	}

	/**
	 * The per-element coefficients {@code {a, d}} of {@code x' = a * x + d} for an affine op on K values,
	 * or null with {@code err[0]} set.
	 */
	private double[][] affineCoefficients(NodeProto n, int k, String[] err) {
		double[] a = new double[k], d = new double[k];
		Arrays.fill(a, 1);
		String op = n.getOpType();
		if (op.equals("BatchNormalization")) {
			double eps = OnnxGraph.floatAttr(n, "epsilon", 1e-5f);
			double[] scale = perChannel(n.getInput(1), k), bias = perChannel(n.getInput(2), k);
			double[] mean = perChannel(n.getInput(3), k), var = perChannel(n.getInput(4), k);
			if (scale == null || bias == null || mean == null || var == null) {
				err[0] = "the " + OnnxGraph.describe(n) + " in the head does not have one value per channel";
				return null;
			}
			for (int i = 0; i < k; i++) {
				a[i] = scale[i] / Math.sqrt(var[i] + eps);
				d[i] = bias[i] - a[i] * mean[i];
			}
			return new double[][] {a, d};
		}
		boolean constFirst = g.isConstant(n.getInput(0));
		double[] v = perChannel(n.getInput(constFirst ? 0 : 1), k);
		if (v == null) {
			err[0] = "the " + OnnxGraph.describe(n) + " in the head does not act per channel";
			return null;
		}
		for (int i = 0; i < k; i++) {
			switch (op) {
				case "Mul": a[i] = v[i]; break;
				case "Add": d[i] = v[i]; break;
				case "Sub":
					if (constFirst) { a[i] = -1; d[i] = v[i]; } else { d[i] = -v[i]; }
					break;
				default: // Div
					if (constFirst) {
						err[0] = "the " + OnnxGraph.describe(n) + " divides a constant by the features: not affine";
						return null;
					}
					a[i] = 1 / v[i];
			}
		}
		return new double[][] {a, d};
	}

	/**
	 * With the classifier {@code z = W x' + b} reading {@code x' = a * x + d} (per channel), rewrites it
	 * to read {@code x}: {@code W' = W diag(a)}, {@code b' = b + W d}. Returns an error phrase or null.
	 */
	private String foldAffine(NodeProto n, Linear lin) {
		int k = lin.weights.length == 0 ? 0 : lin.weights[0].length;
		String[] err = new String[1];
		double[][] ad = affineCoefficients(n, k, err);
		if (ad == null) return err[0];
		double[] a = ad[0], d = ad[1];
		for (int c = 0; c < lin.weights.length; c++) {
			double shift = 0;
			for (int i = 0; i < k; i++) {
				shift += lin.weights[c][i] * d[i];
				lin.weights[c][i] *= a[i];
			}
			lin.bias[c] += shift;
		}
		return null;
	}

	/** A linear layer: effective weights w[c][k], bias b[c], and the tensor it reads. */
	private static final class Linear {
		NodeProto node;
		String data;
		double[][] weights;
		double[] bias;
		String error;

		static Linear fail(String msg) {
			Linear l = new Linear();
			l.error = msg;
			return l;
		}
	}

	private Linear linear(NodeProto p) {
		switch (p.getOpType()) {
			case "Gemm": return gemm(p);
			case "MatMul": return matmul(p);
			case "Add": {
				String a = p.getInput(0), b = p.getInput(1);
				String biasName = g.isConstant(b) ? b : g.isConstant(a) ? a : null;
				if (biasName == null) return Linear.fail("the output comes from " + OnnxGraph.describe(p) + " of two computed tensors, not a classifier layer");
				String other = biasName.equals(b) ? a : b;
				NodeProto mm = g.producer(skipPassThrough(other));
				if (mm == null || !(mm.getOpType().equals("MatMul") || mm.getOpType().equals("Gemm"))) {
					return Linear.fail("the output " + OnnxGraph.describe(p) + " adds a constant to "
						+ (mm == null ? "an input" : OnnxGraph.describe(mm)) + ", not to a MatMul/Gemm");
				}
				Linear l = mm.getOpType().equals("Gemm") ? gemm(mm) : matmul(mm);
				if (l.error != null) return l;
				ConstTensor bt = g.constant(biasName).get();
				double[] extra = broadcastBias(bt, l.weights.length);
				if (extra == null) return Linear.fail("the bias of " + OnnxGraph.describe(p) + " has shape " + Arrays.toString(bt.dims()) + ", not one value per class");
				for (int c = 0; c < extra.length; c++) l.bias[c] += extra[c];
				return l;
			}
			case "Conv": return conv1x1(p);
			default:
				return Linear.fail("the output comes from " + OnnxGraph.describe(p) + ", not from a Gemm, MatMul or 1x1 Conv classifier");
		}
	}

	private Linear gemm(NodeProto p) {
		Linear l = new Linear();
		l.node = p;
		if (p.getInputCount() < 2) return Linear.fail(OnnxGraph.describe(p) + " has fewer than two inputs");
		long transB = OnnxGraph.intAttr(p, "transB", 0);
		double alpha = OnnxGraph.floatAttr(p, "alpha", 1f), beta = OnnxGraph.floatAttr(p, "beta", 1f);
		Optional<ConstTensor> bOpt = g.constant(p.getInput(1));
		if (!bOpt.isPresent() || g.isConstant(p.getInput(0))) {
			return Linear.fail("the classifier " + OnnxGraph.describe(p) + " does not multiply features (input A) by constant weights (input B)");
		}
		ConstTensor b = bOpt.get();
		if (b.rank() != 2) return Linear.fail("the weights of " + OnnxGraph.describe(p) + " are not a matrix");
		int rows = (int) b.dim(0), cols = (int) b.dim(1);
		int classes = transB != 0 ? rows : cols, k = transB != 0 ? cols : rows;
		l.weights = new double[classes][k];
		for (int c = 0; c < classes; c++) {
			for (int j = 0; j < k; j++) {
				l.weights[c][j] = alpha * (transB != 0 ? b.get(c * cols + j) : b.get(j * cols + c));
			}
		}
		l.bias = new double[classes];
		String biasError = readBias(p, 2, beta, l.bias);
		if (biasError != null) return Linear.fail(biasError);
		// With transA=1 the pooled features arrive as a column [K, 1]: per sample the same linear map.
		l.data = p.getInput(0);
		return l;
	}

	private Linear matmul(NodeProto p) {
		Linear l = new Linear();
		l.node = p;
		Optional<ConstTensor> wOpt = g.constant(p.getInput(1));
		if (!wOpt.isPresent() || g.isConstant(p.getInput(0))) {
			return Linear.fail("the classifier " + OnnxGraph.describe(p) + " does not multiply features by constant weights");
		}
		ConstTensor w = wOpt.get();
		if (w.rank() != 2) return Linear.fail("the weights of " + OnnxGraph.describe(p) + " are not a matrix");
		int k = (int) w.dim(0), classes = (int) w.dim(1);
		l.weights = new double[classes][k];
		for (int c = 0; c < classes; c++) for (int j = 0; j < k; j++) l.weights[c][j] = w.get(j * classes + c);
		l.bias = new double[classes];
		l.data = p.getInput(0);
		return l;
	}

	private Linear conv1x1(NodeProto p) {
		Linear l = new Linear();
		l.node = p;
		Optional<ConstTensor> wOpt = g.constant(p.getInput(1));
		if (!wOpt.isPresent()) return Linear.fail("the weights of " + OnnxGraph.describe(p) + " are not constant");
		ConstTensor w = wOpt.get();
		if (w.rank() != 4 || w.dim(2) != 1 || w.dim(3) != 1 || OnnxGraph.intAttr(p, "group", 1) != 1) {
			return Linear.fail("the output comes from " + OnnxGraph.describe(p) + ", which is not an ungrouped 1x1 convolution");
		}
		int classes = (int) w.dim(0), k = (int) w.dim(1);
		l.weights = new double[classes][k];
		for (int c = 0; c < classes; c++) for (int j = 0; j < k; j++) l.weights[c][j] = w.get(c * k + j);
		l.bias = new double[classes];
		String biasError = readBias(p, 2, 1, l.bias);
		if (biasError != null) return Linear.fail(biasError);
		l.data = p.getInput(0);
		return l;
	}

	/**
	 * Adds {@code scale} times the constant bias at input {@code index} of {@code p} (if any) into
	 * {@code bias}; returns an error phrase, or null when fine.
	 */
	private String readBias(NodeProto p, int index, double scale, double[] bias) {
		if (p.getInputCount() <= index || p.getInput(index).isEmpty()) return null;
		Optional<ConstTensor> t = g.constant(p.getInput(index));
		if (!t.isPresent()) return "the bias of " + OnnxGraph.describe(p) + " is not a constant";
		double[] b = broadcastBias(t.get(), bias.length);
		if (b == null) return "the bias of " + OnnxGraph.describe(p) + " has shape " + Arrays.toString(t.get().dims()) + ", not one value per class";
		for (int c = 0; c < bias.length; c++) bias[c] += scale * b[c];
		return null;
	}

	/** A bias of shape [], [1], [C] or [1, C] as C values; null for anything else. */
	private static double[] broadcastBias(ConstTensor t, int classes) {
		double[] out = new double[classes];
		if (t.size() == 1) {
			Arrays.fill(out, t.get(0));
			return out;
		}
		if (t.size() != classes) return null;
		for (long d : t.dims()) if (d != 1 && d != classes) return null;
		for (int c = 0; c < classes; c++) out[c] = t.get(c);
		return out;
	}

	/** A global average pooling over the spatial axes of a 4-D tensor. */
	private static final class Pool {
		String feature;
		Layout layout;
	}

	private Optional<Pool> pool(NodeProto p) {
		Pool pl = new Pool();
		pl.feature = p.getInputCount() > 0 ? p.getInput(0) : null;
		switch (p.getOpType()) {
			case "GlobalAveragePool":
				pl.layout = Layout.NCHW;
				return Optional.of(pl);
			case "ReduceMean": {
				long[] axes = OnnxGraph.ints(p, "axes");
				if (axes == null && p.getInputCount() > 1 && !p.getInput(1).isEmpty()) {
					axes = g.constant(p.getInput(1)).map(ConstTensor::asLongs).orElse(null);
				}
				if (axes == null || axes.length != 2) return Optional.empty();
				long[] shape = shapes.shape(pl.feature);
				int rank = shape != null ? shape.length : 4;
				if (rank != 4) return Optional.empty();
				long[] norm = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
				if (norm[0] == 2 && norm[1] == 3) pl.layout = Layout.NCHW;
				else if (norm[0] == 1 && norm[1] == 2) pl.layout = Layout.NHWC;
				else return Optional.empty();
				return Optional.of(pl);
			}
			case "AveragePool": {
				long[] kernel = OnnxGraph.ints(p, "kernel_shape");
				long[] pads = OnnxGraph.ints(p, "pads");
				if (kernel == null || kernel.length != 2) return Optional.empty();
				if (pads != null) for (long v : pads) if (v != 0) return Optional.empty();
				String autoPad = OnnxGraph.stringAttr(p, "auto_pad", "NOTSET");
				if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) return Optional.empty();
				long[] shape = shapes.shape(pl.feature);
				if (shape == null || shape.length != 4) return Optional.empty();
				if (shape[2] != kernel[0] || shape[3] != kernel[1]) return Optional.empty();
				pl.layout = Layout.NCHW;
				return Optional.of(pl);
			}
			default:
				return Optional.empty();
		}
	}
}
