package io.github.inceptioncam.model;

/**
 * A classifier head that admits a class activation map: a feature map, a global average pooling,
 * and either an affine map to the logits ({@link Kind#LINEAR}: the CAM of Zhou et al.) or nothing
 * ({@link Kind#CLASS_MAPS}, NIN-style, where each feature channel already is one class's map); or,
 * for any other head the walker can differentiate, the chain of operators from the last 4-D
 * activation to the logits ({@link Kind#CHAIN}: HiResCAM, exact when the chain is piecewise linear).
 */
public final class CamHead {
	public enum Kind { LINEAR, CLASS_MAPS, CHAIN }

	private final Kind kind;
	private final String featureTensor;
	private final Layout featureLayout;
	private final double[][] weights;
	private final double[] bias;
	private final String poolNode;
	private final String linearNode;
	private final int poolDepth;
	private final HeadChain chain;

	/** A head made of a chain of operators after the feature map. */
	public CamHead(String featureTensor, Layout featureLayout, HeadChain chain, int depth) {
		this.kind = Kind.CHAIN;
		this.featureTensor = featureTensor;
		this.featureLayout = featureLayout;
		this.weights = null;
		this.bias = null;
		this.poolNode = null;
		this.linearNode = null;
		this.poolDepth = depth;
		this.chain = chain;
	}

	public CamHead(Kind kind, String featureTensor, Layout featureLayout, double[][] weights, double[] bias,
			String poolNode, String linearNode, int poolDepth) {
		this.kind = kind;
		this.featureTensor = featureTensor;
		this.featureLayout = featureLayout;
		this.weights = weights;
		this.bias = bias;
		this.poolNode = poolNode;
		this.linearNode = linearNode;
		this.poolDepth = poolDepth;
		this.chain = null;
	}

	/** The operator chain of a {@link Kind#CHAIN} head, else null. */
	public HeadChain chain() {
		return chain;
	}

	/** Which map this head gives: "cam" (pooling then linear, or class maps), "hirescam" (other exact heads), "gradient". */
	public String method() {
		if (kind != Kind.CHAIN) return "cam";
		return chain.exact() ? "hirescam" : "gradient";
	}

	/** Whether {@code mean(M_c) + b_eff = z_c} holds exactly (up to rounding). */
	public boolean exact() {
		return kind != Kind.CHAIN || chain.exact();
	}

	public Kind kind() {
		return kind;
	}

	/** Name of the tensor fed to the global average pooling. */
	public String featureTensor() {
		return featureTensor;
	}

	/** Layout of the feature tensor (NCHW, or NHWC for Keras-style heads). */
	public Layout featureLayout() {
		return featureLayout;
	}

	/** Effective weights {@code w[c][k]} (alpha of a Gemm folded in); null for class maps. */
	public double[][] weights() {
		return weights;
	}

	/** Effective bias {@code b[c]} (beta folded in); null for class maps. */
	public double[] bias() {
		return bias;
	}

	/** Number of classes, or -1 for class maps (known only from the feature tensor). */
	public int classes() {
		if (chain != null) return chain.classes();
		return weights == null ? -1 : weights.length;
	}

	/** Number of feature channels the weights expect, or -1 for class maps. */
	public int channels() {
		return weights == null || weights.length == 0 ? -1 : weights[0].length;
	}

	public double biasOf(int c) {
		return bias == null ? 0 : bias[c];
	}

	public String poolNode() {
		return poolNode;
	}

	public String linearNode() {
		return linearNode;
	}

	public int poolDepth() {
		return poolDepth;
	}

	/**
	 * The head as the chain of operators found, for reports: {@code GlobalAveragePool -> Gemm 2048->1000}
	 * (the same shape of text for every kind).
	 */
	public String operators() {
		if (kind == Kind.CHAIN) return chain.describe();
		String pool = poolNode == null ? "" : poolNode.split(" ")[0];
		if (kind == Kind.CLASS_MAPS) return pool;
		return pool + " -> " + linearNode.split(" ")[0] + " " + channels() + "->" + classes();
	}

	/** One line for reports: the pattern found. */
	public String describe() {
		if (kind == Kind.CHAIN) {
			return "features '" + featureTensor + "' (" + featureLayout + ") -> " + chain.describe() + " [" + method()
				+ (chain.exact() ? ", exact" : ", first-order") + "]";
		}
		if (kind == Kind.CLASS_MAPS) {
			return "class maps '" + featureTensor + "' (" + featureLayout + ") -> " + poolNode;
		}
		return "features '" + featureTensor + "' (" + featureLayout + ") -> " + poolNode + " -> " + linearNode
			+ " [" + classes() + " classes x " + channels() + " channels]";
	}
}
