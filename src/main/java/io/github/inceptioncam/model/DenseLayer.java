package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.Optional;

/**
 * A dense layer ({@code Gemm}, {@code MatMul} [+ {@code Add}] or ungrouped 1x1 {@code Conv}) read from the
 * graph as effective weights {@code w[c][k]} and bias {@code b[c]} of the tensor it reads, or why it cannot be.
 */
final class DenseLayer {
	NodeProto node;
	String data;
	double[][] weights;
	double[] bias;
	String error;

	private DenseLayer() {}

	private static DenseLayer fail(String msg) {
		DenseLayer l = new DenseLayer();
		l.error = msg;
		return l;
	}

	/** The number of values the layer reads, K. */
	int inputSize() {
		return weights.length == 0 ? 0 : weights[0].length;
	}

	/** Whether an Add adds a constant to the output of a MatMul or Gemm (a dense layer's bias). */
	static boolean addsBias(OnnxGraph g, NodeProto p) {
		if (p.getInputCount() != 2) return false;
		String a = p.getInput(0), b = p.getInput(1);
		String other = g.isConstant(b) ? a : g.isConstant(a) ? b : null;
		if (other == null) return false;
		NodeProto mm = g.producer(PassThrough.skip(g, other));
		return mm != null && (mm.getOpType().equals("MatMul") || mm.getOpType().equals("Gemm"));
	}

	/** The dense layer whose output {@code p} computes; {@link #error} says why when it is not one. */
	static DenseLayer read(OnnxGraph g, NodeProto p) {
		switch (p.getOpType()) {
			case "Gemm": return gemm(g, p);
			case "MatMul": return matmul(g, p);
			case "Add": {
				String a = p.getInput(0), b = p.getInput(1);
				String biasName = g.isConstant(b) ? b : g.isConstant(a) ? a : null;
				if (biasName == null) return fail("the output comes from " + OnnxGraph.describe(p) + " of two computed tensors, not a classifier layer");
				String other = biasName.equals(b) ? a : b;
				NodeProto mm = g.producer(PassThrough.skip(g, other));
				if (mm == null || !(mm.getOpType().equals("MatMul") || mm.getOpType().equals("Gemm"))) {
					return fail("the output " + OnnxGraph.describe(p) + " adds a constant to "
						+ (mm == null ? "an input" : OnnxGraph.describe(mm)) + ", not to a MatMul/Gemm");
				}
				DenseLayer l = mm.getOpType().equals("Gemm") ? gemm(g, mm) : matmul(g, mm);
				if (l.error != null) return l;
				ConstTensor bt = g.constant(biasName).get();
				double[] extra = broadcastBias(bt, l.weights.length);
				if (extra == null) return fail("the bias of " + OnnxGraph.describe(p) + " has shape " + Arrays.toString(bt.dims()) + ", not one value per class");
				for (int c = 0; c < extra.length; c++) l.bias[c] += extra[c];
				return l;
			}
			case "Conv": return conv1x1(g, p);
			default:
				return fail("the output comes from " + OnnxGraph.describe(p) + ", not from a Gemm, MatMul or 1x1 Conv classifier");
		}
	}

	private static DenseLayer gemm(OnnxGraph g, NodeProto p) {
		DenseLayer l = new DenseLayer();
		l.node = p;
		if (p.getInputCount() < 2) return fail(OnnxGraph.describe(p) + " has fewer than two inputs");
		long transB = OnnxGraph.intAttr(p, "transB", 0);
		double alpha = OnnxGraph.floatAttr(p, "alpha", 1f), beta = OnnxGraph.floatAttr(p, "beta", 1f);
		Optional<ConstTensor> bOpt = g.constant(p.getInput(1));
		if (!bOpt.isPresent() || g.isConstant(p.getInput(0))) {
			return fail("the classifier " + OnnxGraph.describe(p) + " does not multiply features (input A) by constant weights (input B)");
		}
		ConstTensor b = bOpt.get();
		if (b.rank() != 2) return fail("the weights of " + OnnxGraph.describe(p) + " are not a matrix");
		int rows = (int) b.dim(0), cols = (int) b.dim(1);
		int classes = transB != 0 ? rows : cols, k = transB != 0 ? cols : rows;
		l.weights = matrix(b, classes, k, alpha, transB != 0);
		l.bias = new double[classes];
		String biasError = readBias(g, p, 2, beta, l.bias);
		if (biasError != null) return fail(biasError);
		// With transA=1 the pooled features arrive as a column [K, 1]: per sample the same linear map.
		l.data = p.getInput(0);
		return l;
	}

	/**
	 * {@code scale} times the weights {@code w[c][j]} of a constant stored classes-first ({@code [classes, k, ...]})
	 * or features-first ({@code [k, classes]}).
	 */
	private static double[][] matrix(ConstTensor t, int classes, int k, double scale, boolean classesFirst) {
		double[][] w = new double[classes][k];
		for (int c = 0; c < classes; c++) {
			for (int j = 0; j < k; j++) w[c][j] = scale * (classesFirst ? t.get(c * k + j) : t.get(j * classes + c));
		}
		return w;
	}

	private static DenseLayer matmul(OnnxGraph g, NodeProto p) {
		DenseLayer l = new DenseLayer();
		l.node = p;
		Optional<ConstTensor> wOpt = g.constant(p.getInput(1));
		if (!wOpt.isPresent() || g.isConstant(p.getInput(0))) {
			return fail("the classifier " + OnnxGraph.describe(p) + " does not multiply features by constant weights");
		}
		ConstTensor w = wOpt.get();
		if (w.rank() != 2) return fail("the weights of " + OnnxGraph.describe(p) + " are not a matrix");
		int k = (int) w.dim(0), classes = (int) w.dim(1);
		l.weights = matrix(w, classes, k, 1, false);
		l.bias = new double[classes];
		l.data = p.getInput(0);
		return l;
	}

	private static DenseLayer conv1x1(OnnxGraph g, NodeProto p) {
		DenseLayer l = new DenseLayer();
		l.node = p;
		Optional<ConstTensor> wOpt = g.constant(p.getInput(1));
		if (!wOpt.isPresent()) return fail("the weights of " + OnnxGraph.describe(p) + " are not constant");
		ConstTensor w = wOpt.get();
		if (w.rank() != 4 || w.dim(2) != 1 || w.dim(3) != 1 || OnnxGraph.intAttr(p, "group", 1) != 1) {
			return fail("the output comes from " + OnnxGraph.describe(p) + ", which is not an ungrouped 1x1 convolution");
		}
		int classes = (int) w.dim(0), k = (int) w.dim(1);
		l.weights = matrix(w, classes, k, 1, true);
		l.bias = new double[classes];
		String biasError = readBias(g, p, 2, 1, l.bias);
		if (biasError != null) return fail(biasError);
		l.data = p.getInput(0);
		return l;
	}

	/**
	 * Adds {@code scale} times the constant bias at input {@code index} of {@code p} (if any) into
	 * {@code bias}; returns an error phrase, or null when fine.
	 */
	private static String readBias(OnnxGraph g, NodeProto p, int index, double scale, double[] bias) {
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
}
