package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.Set;

/**
 * Elementwise ops of the features with constants ({@code BatchNormalization}, {@code Mul}, {@code Add},
 * {@code Sub}, {@code Div}) read as per-channel {@code x' = a * x + d}, and folded into a dense layer reading them.
 */
final class AffineOps {
	private static final Set<String> AFFINE = Set.of("BatchNormalization", "Mul", "Add", "Sub", "Div");

	private AffineOps() {}

	/** An elementwise op of the features with constants only. */
	static boolean isAffine(OnnxGraph g, NodeProto n) {
		if (!AFFINE.contains(n.getOpType())) return false;
		if (n.getOpType().equals("BatchNormalization")) {
			for (int i = 1; i < 5; i++) if (n.getInputCount() <= i || !g.isConstant(n.getInput(i))) return false;
			return !g.isConstant(n.getInput(0));
		}
		return n.getInputCount() == 2 && (g.isConstant(n.getInput(0)) != g.isConstant(n.getInput(1)));
	}

	/** The features an affine op reads (its one input that is not a constant). */
	static String input(OnnxGraph g, NodeProto n) {
		if (n.getOpType().equals("BatchNormalization")) return n.getInput(0);
		return g.isConstant(n.getInput(0)) ? n.getInput(1) : n.getInput(0);
	}

	/** Per-channel values of a constant: K values, or one broadcast; null for any other shape. */
	private static double[] perChannel(OnnxGraph g, String tensor, int k) {
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
	static double[][] coefficients(OnnxGraph g, NodeProto n, int k, String[] err) {
		double[] a = new double[k], d = new double[k];
		Arrays.fill(a, 1);
		String op = n.getOpType();
		if (op.equals("BatchNormalization")) {
			double eps = OnnxGraph.floatAttr(n, "epsilon", 1e-5f);
			double[] scale = perChannel(g, n.getInput(1), k), bias = perChannel(g, n.getInput(2), k);
			double[] mean = perChannel(g, n.getInput(3), k), var = perChannel(g, n.getInput(4), k);
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
		double[] v = perChannel(g, n.getInput(constFirst ? 0 : 1), k);
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
	static String fold(OnnxGraph g, NodeProto n, DenseLayer lin) {
		int k = lin.inputSize();
		String[] err = new String[1];
		double[][] ad = coefficients(g, n, k, err);
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
}
