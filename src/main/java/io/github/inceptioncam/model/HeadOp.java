package io.github.inceptioncam.model;

import java.util.Arrays;

/**
 * One operator of a classifier head after the feature map, acting on a vector: evaluated and
 * differentiated in Java, in double precision, at the image's own activations. Piecewise-linear
 * operators also carry the head's biases forward through the active pattern, which gives the
 * effective bias {@code b_eff} of the exact identity {@code mean(M_c) + b_eff = z_c}.
 */
public abstract class HeadOp {
	private final String node;

	HeadOp(String node) {
		this.node = node;
	}

	/** The graph node (as "OpType 'name'") this operator stands for. */
	public String node() {
		return node;
	}

	/** Short description for reports, e.g. {@code Gemm 2048->256} or {@code Relu}. */
	public abstract String describe();

	/** Output size for an input of {@code n} values, or -1 when it cannot take {@code n} values. */
	public abstract int outSize(int n);

	public abstract double[] forward(double[] x);

	/** The gradient with respect to the input {@code x}, given the gradient {@code g} with respect to the output. */
	public abstract double[] backward(double[] x, double[] g);

	/** Whether the operator is piecewise linear (then the map is exact). */
	public abstract boolean piecewiseLinear();

	/**
	 * For a piecewise-linear operator: the bias part {@code beta} of the input carried to the output
	 * at the activation pattern of input {@code x} (for {@code y = J x + c}: {@code J beta + c}).
	 */
	public abstract double[] carryBias(double[] x, double[] beta);

	/** {@code y = W x + b}, weights {@code W[out][in]}. */
	public static final class Linear extends HeadOp {
		private final double[][] w;
		private final double[] b;

		public Linear(String node, double[][] w, double[] b) {
			super(node);
			this.w = w;
			this.b = b;
		}

		public int in() {
			return w.length == 0 ? 0 : w[0].length;
		}

		public int out() {
			return w.length;
		}

		@Override
		public String describe() {
			return node().split(" ")[0] + " " + in() + "->" + out();
		}

		@Override
		public int outSize(int n) {
			return n == in() ? out() : -1;
		}

		@Override
		public double[] forward(double[] x) {
			return carryBias(x, x);
		}

		@Override
		public double[] backward(double[] x, double[] g) {
			double[] out = new double[in()];
			for (int o = 0; o < w.length; o++) {
				double go = g[o];
				if (go == 0) continue;
				double[] row = w[o];
				for (int i = 0; i < out.length; i++) out[i] += go * row[i];
			}
			return out;
		}

		@Override
		public boolean piecewiseLinear() {
			return true;
		}

		@Override
		public double[] carryBias(double[] x, double[] beta) {
			double[] y = new double[w.length];
			for (int o = 0; o < w.length; o++) {
				double s = b[o];
				double[] row = w[o];
				for (int i = 0; i < row.length; i++) s += row[i] * beta[i];
				y[o] = s;
			}
			return y;
		}
	}

	/** {@code y = a * x + d} per element (BatchNormalization on vectors, Mul/Add/Sub/Div by constants). */
	public static final class Affine extends HeadOp {
		private final double[] a;
		private final double[] d;

		public Affine(String node, double[] a, double[] d) {
			super(node);
			this.a = a;
			this.d = d;
		}

		@Override
		public String describe() {
			return node().split(" ")[0];
		}

		@Override
		public int outSize(int n) {
			return n == a.length ? n : -1;
		}

		@Override
		public double[] forward(double[] x) {
			return carryBias(x, x);
		}

		@Override
		public double[] backward(double[] x, double[] g) {
			double[] out = new double[g.length];
			for (int i = 0; i < g.length; i++) out[i] = g[i] * a[i];
			return out;
		}

		@Override
		public boolean piecewiseLinear() {
			return true;
		}

		@Override
		public double[] carryBias(double[] x, double[] beta) {
			double[] y = new double[beta.length];
			for (int i = 0; i < y.length; i++) y[i] = a[i] * beta[i] + d[i];
			return y;
		}
	}

	/** Relu, LeakyRelu and PRelu: {@code y = x} where {@code x > 0}, else {@code slope * x}. */
	public static final class Rectifier extends HeadOp {
		private final String op;
		/** One slope, or one per element. */
		private final double[] slope;

		public Rectifier(String node, String op, double[] slope) {
			super(node);
			this.op = op;
			this.slope = slope;
		}

		private double slope(int i) {
			return slope.length == 1 ? slope[0] : slope[i];
		}

		@Override
		public String describe() {
			return op;
		}

		@Override
		public int outSize(int n) {
			return slope.length == 1 || slope.length == n ? n : -1;
		}

		@Override
		public double[] forward(double[] x) {
			double[] y = new double[x.length];
			for (int i = 0; i < y.length; i++) y[i] = x[i] > 0 ? x[i] : slope(i) * x[i];
			return y;
		}

		@Override
		public double[] backward(double[] x, double[] g) {
			double[] out = new double[g.length];
			for (int i = 0; i < g.length; i++) out[i] = x[i] > 0 ? g[i] : slope(i) * g[i];
			return out;
		}

		@Override
		public boolean piecewiseLinear() {
			return true;
		}

		@Override
		public double[] carryBias(double[] x, double[] beta) {
			return backward(x, beta); // the same diagonal pattern
		}
	}

	/** A smooth elementwise activation (Sigmoid, Tanh, Elu, ...): differentiable, not piecewise linear. */
	public static final class Smooth extends HeadOp {
		/** The operators supported, by ONNX name. */
		public static final java.util.Set<String> OPS =
			java.util.Set.of("Sigmoid", "Tanh", "Softplus", "Elu", "Selu", "Celu", "Gelu", "HardSigmoid", "HardSwish", "Mish");

		private final String op;
		private final double alpha;
		private final double beta;
		private final boolean tanhApprox;

		public Smooth(String node, String op, double alpha, double beta, boolean tanhApprox) {
			super(node);
			if (!OPS.contains(op)) throw new IllegalArgumentException("unsupported activation " + op);
			this.op = op;
			this.alpha = alpha;
			this.beta = beta;
			this.tanhApprox = tanhApprox;
		}

		@Override
		public String describe() {
			return op;
		}

		@Override
		public int outSize(int n) {
			return n;
		}

		@Override
		public double[] forward(double[] x) {
			double[] y = new double[x.length];
			for (int i = 0; i < y.length; i++) y[i] = value(x[i]);
			return y;
		}

		@Override
		public double[] backward(double[] x, double[] g) {
			double[] out = new double[g.length];
			for (int i = 0; i < g.length; i++) out[i] = g[i] * derivative(x[i]);
			return out;
		}

		@Override
		public boolean piecewiseLinear() {
			return false;
		}

		@Override
		public double[] carryBias(double[] x, double[] beta) {
			double[] nan = new double[beta.length];
			Arrays.fill(nan, Double.NaN);
			return nan;
		}

		private static double sigmoid(double v) {
			return 1 / (1 + Math.exp(-v));
		}

		private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

		double value(double v) {
			switch (op) {
				case "Sigmoid": return sigmoid(v);
				case "Tanh": return Math.tanh(v);
				case "Softplus": return v > 30 ? v : Math.log1p(Math.exp(v));
				case "Elu": return v > 0 ? v : alpha * Math.expm1(v);
				case "Selu": return beta * (v > 0 ? v : alpha * Math.expm1(v));
				case "Celu": return Math.max(0, v) + Math.min(0, alpha * Math.expm1(v / alpha));
				case "Gelu":
					if (tanhApprox) return 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
					return 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2)));
				case "HardSigmoid": return Math.max(0, Math.min(1, alpha * v + beta));
				case "HardSwish": return v * Math.max(0, Math.min(1, v / 6 + 0.5));
				default: // Mish
					return v * Math.tanh(v > 30 ? v : Math.log1p(Math.exp(v)));
			}
		}

		double derivative(double v) {
			switch (op) {
				case "Sigmoid": {
					double s = sigmoid(v);
					return s * (1 - s);
				}
				case "Tanh": {
					double t = Math.tanh(v);
					return 1 - t * t;
				}
				case "Softplus": return sigmoid(v);
				case "Elu": return v > 0 ? 1 : alpha * Math.exp(v);
				case "Selu": return beta * (v > 0 ? 1 : alpha * Math.exp(v));
				case "Celu": return v > 0 ? 1 : Math.exp(v / alpha);
				case "Gelu": {
					if (tanhApprox) {
						double u = SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
						double t = Math.tanh(u);
						return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
					}
					return 0.5 * (1 + Erf.erf(v / Math.sqrt(2))) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
				}
				case "HardSigmoid": {
					double u = alpha * v + beta;
					return u > 0 && u < 1 ? alpha : 0;
				}
				case "HardSwish": return v <= -3 ? 0 : v >= 3 ? 1 : v / 3 + 0.5;
				default: { // Mish
					double sp = v > 30 ? v : Math.log1p(Math.exp(v));
					double t = Math.tanh(sp);
					return t + v * (1 - t * t) * sigmoid(v);
				}
			}
		}
	}

	/** The error function (Abramowitz-Stegun 7.1.26 is too coarse for a derivative check: use a series/continued fraction). */
	static final class Erf {
		private Erf() {}

		static double erf(double x) {
			double ax = Math.abs(x);
			double r;
			if (ax < 2.5) {
				// Maclaurin series: converges fast for |x| < 2.5 (about 40 terms at the edge)
				double term = ax, sum = ax, x2 = ax * ax;
				for (int n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
					term *= -x2 / n;
					sum += term / (2 * n + 1);
				}
				r = 2 / Math.sqrt(Math.PI) * sum;
			} else {
				// continued fraction for erfc (Lentz), accurate far out
				double tiny = 1e-300, f = ax, c = ax, d = 0;
				for (int n = 1; n < 200; n++) {
					double an = n / 2.0;
					d = ax + an * d;
					d = d == 0 ? tiny : 1 / d;
					c = ax + an / c;
					if (c == 0) c = tiny;
					double delta = c * d;
					f *= delta;
					if (Math.abs(delta - 1) < 1e-16) break;
				}
				r = 1 - Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
			}
			return x < 0 ? -r : r;
		}
	}
}
