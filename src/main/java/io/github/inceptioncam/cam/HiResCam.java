package io.github.inceptioncam.cam;

import io.github.inceptioncam.model.HeadChain;
import io.github.inceptioncam.model.HeadOp;
import io.github.inceptioncam.model.Layout;

/**
 * The class map of any differentiable head, at the image's own activations {@code A} (K x H x W):
 * {@code M_c(y,x) = H·W · Σ_k (∂z_c/∂A_k(y,x)) · A_k(y,x)} (HiResCAM scaled by H·W). The head is
 * evaluated and differentiated in Java, in double precision. For a global-average-pooling head that
 * is one linear layer this is exactly the CAM; for any piecewise-linear head
 * {@code mean(M_c) + b_eff = z_c}, with {@code b_eff} the head's biases carried through its active
 * pattern; for other heads it is a first-order map.
 */
public final class HiResCam {
	private HiResCam() {}

	/** The head evaluated at one image's activations: the logits, and what the maps of classes need. */
	public static final class Evaluation {
		private final HeadChain chain;
		private final FeatureMap a;
		private final double[][] inputs;
		private final double[] logits;
		private double[] effectiveBias;

		Evaluation(HeadChain chain, FeatureMap a, double[][] inputs, double[] logits) {
			this.chain = chain;
			this.a = a;
			this.inputs = inputs;
			this.logits = logits;
		}

		/** The logits as computed in Java (to compare with ONNX Runtime's). */
		public double[] logits() {
			return logits.clone();
		}

		/** The raw map of class c, row-major H x W. */
		public double[] map(int c) {
			return mapFromGradient(gradient(c));
		}

		/** {@code dz_c/dv} for the reduced vector v. */
		private double[] gradient(int c) {
			if (c < 0 || c >= logits.length) throw new IllegalArgumentException("class " + c + " outside the head's " + logits.length + " logits");
			double[] g = new double[logits.length];
			g[c] = 1;
			for (int i = chain.ops().size() - 1; i >= 0; i--) g = chain.ops().get(i).backward(inputs[i], g);
			return g;
		}

		/** {@code sum_j |dz_c/dv_j * v_j|}, the size of the terms of class c (see {@link CamMaps#termScale}). */
		public double termScale(int c) {
			return CamMaps.termScale(gradient(c), inputs[0]);
		}

		/**
		 * {@code b_eff} of class c: the biases carried through the active pattern, or NaN when the head
		 * is not piecewise linear.
		 */
		public double effectiveBias(int c) {
			if (effectiveBias == null) { // the same vector for every class: carried through the head once
				double[] beta = new double[inputs[0].length];
				for (int i = 0; i < chain.ops().size(); i++) beta = chain.ops().get(i).carryBias(inputs[i], beta);
				effectiveBias = beta;
			}
			return effectiveBias[c];
		}

		private double[] mapFromGradient(double[] g) {
			int k = a.channels(), h = a.height(), w = a.width(), hw = h * w;
			double[] m = new double[hw];
			if (chain.reduce() == HeadChain.Reduce.POOL) {
				// dz/dA_k(y,x) = g_k / HW, times HW
				for (int j = 0; j < k; j++) {
					double gj = g[j];
					if (gj == 0) continue;
					for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m[y * w + x] += gj * a.get(j, y, x);
				}
			} else {
				boolean nchw = a.layout() == Layout.NCHW;
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						double s = 0;
						for (int j = 0; j < k; j++) s += g[nchw ? (j * h + y) * w + x : (y * w + x) * k + j] * a.get(j, y, x);
						m[y * w + x] = hw * s;
					}
				}
			}
			return m;
		}
	}

	/**
	 * Evaluates the head on the activations.
	 *
	 * @throws IllegalArgumentException when the activations do not have the size the head expects
	 */
	public static Evaluation evaluate(HeadChain chain, FeatureMap a) {
		double[] v = reduce(chain, a);
		if (v.length != chain.inputSize()) {
			throw new IllegalArgumentException("the head expects " + chain.inputSize() + " values but the feature map "
				+ a.channels() + "x" + a.height() + "x" + a.width() + " gives " + v.length);
		}
		double[][] inputs = new double[chain.ops().size()][];
		double[] x = v;
		for (int i = 0; i < inputs.length; i++) {
			inputs[i] = x;
			x = chain.ops().get(i).forward(x);
		}
		return new Evaluation(chain, a, inputs, x);
	}

	/** The vector the head's first operator reads: the spatial means, or the flattened map. */
	static double[] reduce(HeadChain chain, FeatureMap a) {
		int k = a.channels(), h = a.height(), w = a.width();
		if (chain.reduce() == HeadChain.Reduce.POOL) return CamMaps.channelMeans(a);
		double[] v = new double[k * h * w];
		boolean nchw = a.layout() == Layout.NCHW;
		for (int j = 0; j < k; j++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) v[nchw ? (j * h + y) * w + x : (y * w + x) * k + j] = a.get(j, y, x);
			}
		}
		return v;
	}

	/** Whether two logit vectors agree within {@code 1e-4·max(1,|z|)} per element (ONNX Runtime computes in float). */
	public static boolean agrees(double[] java, double[] ort) {
		if (java.length != ort.length) return false;
		for (int i = 0; i < java.length; i++) {
			if (!(Math.abs(java[i] - ort[i]) <= CamMaps.identityTolerance(ort[i]))) return false;
		}
		return true;
	}

	/** The largest difference between two logit vectors (for messages). */
	public static double maxDifference(double[] java, double[] ort) {
		double d = 0;
		for (int i = 0; i < Math.min(java.length, ort.length); i++) d = Math.max(d, Math.abs(java[i] - ort[i]));
		return java.length == ort.length ? d : Double.POSITIVE_INFINITY;
	}
}
