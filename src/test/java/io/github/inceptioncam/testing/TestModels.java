package io.github.inceptioncam.testing;

import java.util.Random;

/**
 * Small Inception-like classifiers, one per head pattern the engine must recognise. The trunk is a
 * strided conv followed by an Inception-style block (1x1 | 3x3 | 3x3 average pool "decoy" -> 1x1)
 * concatenated: the feature map is a {@code Concat}, not a {@code Relu}. Input 32 wide x 24 high
 * (non-square), features 9 x 12 x 16, 4 classes.
 */
public final class TestModels {
	public static final int W = 32, H = 24, FW = 16, FH = 12, C = 9, CLASSES = 4;

	public enum Head {
		/** torchvision: GlobalAveragePool -> Flatten -> Gemm(transB=1). */
		GEMM_TORCH,
		/** Gemm with transB=0, alpha and beta, bias [1, classes]. */
		GEMM_ALPHA_BETA,
		/** ReduceMean(axes attribute) -> MatMul -> Add -> Softmax. */
		MATMUL_ADD_SOFTMAX,
		/** Opset 18: ReduceMean with axes as an input, keepdims -> Reshape -> Gemm. */
		REDUCEMEAN_AXES_INPUT,
		/** AveragePool whose kernel covers the whole map -> Flatten -> Gemm. */
		AVGPOOL_FULL,
		/** GlobalAveragePool -> 1x1 Conv -> Flatten. */
		CONV1X1,
		/** NIN: 1x1 Conv to one map per class -> GlobalAveragePool -> Flatten -> Softmax. */
		NIN,
		/** Keras/tf2onnx style: NHWC input, Transposes, ReduceMean over [1, 2] -> MatMul -> Add -> Softmax. */
		NHWC_KERAS,
		/** Two outputs, auxiliary head first, main head second. */
		AUX_FIRST,
		/** Fine-tuned head: GAP -> Flatten -> BatchNormalization -> Mul -> Sub -> Gemm (affine ops folded). */
		GAP_BN_AFFINE,
		/** Flatten -> Dense: classifies, but has no CAM. */
		FLATTEN_DENSE
	}

	private TestModels() {}

	public static OnnxBuilder build(Head head, long seed) {
		Random rnd = new Random(seed);
		OnnxBuilder b = new OnnxBuilder();
		boolean nhwc = head == Head.NHWC_KERAS;
		if (head == Head.REDUCEMEAN_AXES_INPUT) b.opset(18);
		if (nhwc) {
			b.input("image", -1, H, W, 3);
			b.node("Transpose", "image", "x", "perm", new long[] {0, 3, 1, 2});
		} else {
			b.input("image", -1, 3, H, W);
			b.node("Identity", "image", "x");
		}
		// stem: 3 -> 4 channels, stride 2
		b.randomInit("stem_w", rnd, 0.5, 4, 3, 3, 3).randomInit("stem_b", rnd, 0.1, 4);
		b.node("Conv", new String[] {"x", "stem_w", "stem_b"}, new String[] {"stem"}, "kernel_shape", new long[] {3, 3},
			"pads", new long[] {1, 1, 1, 1}, "strides", new long[] {2, 2});
		b.node("Relu", "stem", "stem_r");
		// Inception block: 1x1 (3) | 3x3 (4) | avgpool 3x3 -> 1x1 (2)
		b.randomInit("b1_w", rnd, 0.6, 3, 4, 1, 1).randomInit("b1_b", rnd, 0.1, 3);
		b.node("Conv", new String[] {"stem_r", "b1_w", "b1_b"}, new String[] {"b1"}, "kernel_shape", new long[] {1, 1});
		b.node("Relu", "b1", "b1_r");
		b.randomInit("b2_w", rnd, 0.4, 4, 4, 3, 3).randomInit("b2_b", rnd, 0.1, 4);
		b.node("Conv", new String[] {"stem_r", "b2_w", "b2_b"}, new String[] {"b2"}, "kernel_shape", new long[] {3, 3},
			"pads", new long[] {1, 1, 1, 1});
		b.node("Relu", "b2", "b2_r");
		b.node("AveragePool", "stem_r", "pool3", "kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1},
			"strides", new long[] {1, 1});
		b.randomInit("b3_w", rnd, 0.6, 2, 4, 1, 1).randomInit("b3_b", rnd, 0.1, 2);
		b.node("Conv", new String[] {"pool3", "b3_w", "b3_b"}, new String[] {"b3"}, "kernel_shape", new long[] {1, 1});
		b.node("Relu", "b3", "b3_r");
		b.node("Concat", new String[] {"b1_r", "b2_r", "b3_r"}, new String[] {"features"}, "axis", 1L);
		switch (head) {
			case GEMM_TORCH:
				gapFlatten(b, "features", "pooled");
				b.randomInit("fc_w", rnd, 1, CLASSES, C).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"pooled", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			case GEMM_ALPHA_BETA:
				gapFlatten(b, "features", "pooled");
				b.randomInit("fc_w", rnd, 1, C, CLASSES).randomInit("fc_b", rnd, 0.5, 1, CLASSES);
				b.node("Gemm", new String[] {"pooled", "fc_w", "fc_b"}, new String[] {"logits"}, "alpha", 0.5f, "beta", 2.0f);
				b.output("logits");
				break;
			case MATMUL_ADD_SOFTMAX:
				b.node("ReduceMean", "features", "pooled", "axes", new long[] {2, 3}, "keepdims", 0L);
				matmulAddSoftmax(b, rnd, "pooled");
				break;
			case REDUCEMEAN_AXES_INPUT:
				b.initLongs("axes", new long[] {-2, -1}, 2);
				b.node("ReduceMean", new String[] {"features", "axes"}, new String[] {"pooled4"}, "keepdims", 1L);
				b.initLongs("shape", new long[] {0, -1}, 2);
				b.node("Reshape", new String[] {"pooled4", "shape"}, new String[] {"pooled"});
				b.randomInit("fc_w", rnd, 1, CLASSES, C).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"pooled", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			case AVGPOOL_FULL:
				b.node("AveragePool", "features", "pooled4", "kernel_shape", new long[] {FH, FW});
				b.node("Flatten", "pooled4", "pooled");
				b.randomInit("fc_w", rnd, 1, CLASSES, C).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"pooled", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			case CONV1X1:
				b.node("GlobalAveragePool", "features", "pooled4");
				b.randomInit("fc_w", rnd, 1, CLASSES, C, 1, 1).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Conv", new String[] {"pooled4", "fc_w", "fc_b"}, new String[] {"scores4"}, "kernel_shape", new long[] {1, 1});
				b.node("Flatten", "scores4", "logits");
				b.output("logits");
				break;
			case NIN:
				b.randomInit("cls_w", rnd, 1, CLASSES, C, 1, 1).randomInit("cls_b", rnd, 0.5, CLASSES);
				b.node("Conv", new String[] {"features", "cls_w", "cls_b"}, new String[] {"class_maps"}, "kernel_shape", new long[] {1, 1});
				gapFlatten(b, "class_maps", "scores");
				b.node("Softmax", "scores", "probs", "axis", 1L);
				b.output("probs");
				break;
			case NHWC_KERAS:
				b.node("Transpose", "features", "features_nhwc", "perm", new long[] {0, 2, 3, 1});
				b.node("ReduceMean", "features_nhwc", "pooled", "axes", new long[] {1, 2}, "keepdims", 0L);
				matmulAddSoftmax(b, rnd, "pooled");
				break;
			case AUX_FIRST:
				gapFlatten(b, "stem_r", "aux_pooled");
				b.randomInit("aux_w", rnd, 1, CLASSES, 4).randomInit("aux_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"aux_pooled", "aux_w", "aux_b"}, new String[] {"aux_logits"}, "transB", 1L);
				b.output("aux_logits");
				gapFlatten(b, "features", "pooled");
				b.randomInit("fc_w", rnd, 1, CLASSES, C).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"pooled", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			case GAP_BN_AFFINE:
				gapFlatten(b, "features", "pooled");
				b.randomInit("bn_scale", rnd, 1, C).randomInit("bn_b", rnd, 0.5, C).randomInit("bn_mean", rnd, 0.5, C);
				float[] var = new float[C];
				for (int i = 0; i < C; i++) var[i] = 0.2f + rnd.nextFloat();
				b.init("bn_var", var, C);
				b.node("BatchNormalization", new String[] {"pooled", "bn_scale", "bn_b", "bn_mean", "bn_var"}, new String[] {"bn"}, "epsilon", 1e-3f);
				b.randomInit("mul_k", rnd, 2, 1, C);
				b.node("Mul", new String[] {"bn", "mul_k"}, new String[] {"scaled"});
				b.randomInit("sub_k", rnd, 1, 1);
				b.node("Sub", new String[] {"sub_k", "scaled"}, new String[] {"shifted"});
				b.randomInit("fc_w", rnd, 1, CLASSES, C).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"shifted", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			case FLATTEN_DENSE:
				b.node("Flatten", "features", "flat");
				b.randomInit("fc_w", rnd, 0.05, CLASSES, (long) C * FH * FW).randomInit("fc_b", rnd, 0.5, CLASSES);
				b.node("Gemm", new String[] {"flat", "fc_w", "fc_b"}, new String[] {"logits"}, "transB", 1L);
				b.output("logits");
				break;
			default:
				throw new IllegalArgumentException(head.toString());
		}
		return b;
	}

	/**
	 * Grey 12x8 input -> 4x4/4 average pool -> 3x2 features -> GAP -> Gemm [[1], [-1]]: class 0 ("bright")
	 * scores the mean brightness, class 1 ("dark") its negative. The CAM of class 0 is the pooled image.
	 */
	/**
	 * A flatten -> dense classifier whose 4,096 x 4,096 weights are 64 MB as floats in the file and 128 MB as
	 * doubles (twice while read): too large for a small heap. Written to {@code file}.
	 */
	public static java.nio.file.Path wideHead(java.nio.file.Path file) throws java.io.IOException {
		Random rnd = new Random(9);
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", 1, 3, 8, 8);
		b.randomInit("cw", rnd, 0.5, 64, 3, 1, 1);
		b.node("Conv", new String[] {"x", "cw"}, new String[] {"feat"}, "kernel_shape", new long[] {1, 1});
		b.node("Flatten", "feat", "flat");
		b.randomInit("w", rnd, 0.01, 4096, 64 * 8 * 8);
		b.node("Gemm", new String[] {"flat", "w"}, new String[] {"y"}, "transB", 1L);
		b.output("y");
		return b.write(file);
	}

	public static OnnxBuilder poolModel() {
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", -1, 1, 8, 12);
		b.node("AveragePool", "x", "feat", "kernel_shape", new long[] {4, 4}, "strides", new long[] {4, 4});
		b.node("GlobalAveragePool", "feat", "gap");
		b.node("Flatten", "gap", "flat");
		b.init("w", new float[] {1, -1}, 2, 1);
		b.node("Gemm", new String[] {"flat", "w"}, new String[] {"logits"}, "transB", 1L);
		b.output("logits");
		return b;
	}

	private static void gapFlatten(OnnxBuilder b, String in, String out) {
		b.node("GlobalAveragePool", in, in + "_gap");
		b.node("Flatten", in + "_gap", out);
	}

	private static void matmulAddSoftmax(OnnxBuilder b, Random rnd, String pooled) {
		b.randomInit("fc_w", rnd, 1, C, CLASSES).randomInit("fc_b", rnd, 0.5, CLASSES);
		b.node("MatMul", new String[] {pooled, "fc_w"}, new String[] {"mm"});
		b.node("Add", new String[] {"mm", "fc_b"}, new String[] {"logits"});
		b.node("Softmax", "logits", "probs", "axis", 1L);
		b.output("probs");
	}
}
