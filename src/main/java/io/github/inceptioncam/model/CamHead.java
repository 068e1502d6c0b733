package io.github.inceptioncam.model;

/**
 * A classifier head that admits an exact class activation map: a feature map, a global average
 * pooling, and either an affine map to the logits ({@link Kind#LINEAR}) or nothing
 * ({@link Kind#CLASS_MAPS}, NIN-style, where each feature channel already is one class's map).
 */
public final class CamHead {
	public enum Kind { LINEAR, CLASS_MAPS }

	private final Kind kind;
	private final String featureTensor;
	private final Layout featureLayout;
	private final double[][] weights;
	private final double[] bias;
	private final String poolNode;
	private final String linearNode;
	private final int poolDepth;

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

	/** One line for reports: the pattern found. */
	public String describe() {
		if (kind == Kind.CLASS_MAPS) {
			return "class maps '" + featureTensor + "' (" + featureLayout + ") -> " + poolNode;
		}
		return "features '" + featureTensor + "' (" + featureLayout + ") -> " + poolNode + " -> " + linearNode
			+ " [" + classes() + " classes x " + channels() + " channels]";
	}
}
