package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.testing.TestModels;
import io.github.inceptioncam.testing.TestModels.Head;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HeadSearchTest {
	static InceptionModel load(Head head) throws ModelException {
		return InceptionModel.fromBytes(TestModels.build(head, 7).bytes(), head.name(), null, null, null, null);
	}

	@ParameterizedTest
	@EnumSource(value = Head.class, names = {"GEMM_TORCH", "GEMM_ALPHA_BETA", "MATMUL_ADD_SOFTMAX", "REDUCEMEAN_AXES_INPUT", "AVGPOOL_FULL", "CONV1X1", "AUX_FIRST", "GAP_BN_AFFINE"})
	void linearHeadsAreFoundOnTheConcatFeatures(Head head) throws Exception {
		HeadSearchResult r = load(head).head();
		assertTrue(r.hasCam(), r.noCamReason());
		assertEquals(CamHead.Kind.LINEAR, r.head().kind());
		assertEquals("features", r.head().featureTensor(), "the GAP input (a Concat), not an AveragePool decoy");
		assertEquals(Layout.NCHW, r.head().featureLayout());
		assertEquals(TestModels.CLASSES, r.head().classes());
		assertEquals(TestModels.C, r.head().channels());
	}

	@Test
	void softmaxOutputExposesThePreSoftmaxLogits() throws Exception {
		HeadSearchResult r = load(Head.MATMUL_ADD_SOFTMAX).head();
		assertEquals("probs", r.output());
		assertEquals("logits", r.logitsTensor());
		assertTrue(r.softmaxOutput());
	}

	@Test
	void keepsGemmAlphaAndBetaInTheEffectiveWeights() throws Exception {
		InceptionModel m = load(Head.GEMM_ALPHA_BETA);
		ConstTensor w = m.graph().constant("fc_w").get(), b = m.graph().constant("fc_b").get();
		CamHead h = m.head().head();
		// transB = 0: B is [C, classes]; w[c][k] = alpha * B[k][c]
		assertEquals(0.5 * w.get(2 * TestModels.CLASSES + 1), h.weights()[1][2], 1e-12);
		assertEquals(2.0 * b.get(3), h.bias()[3], 1e-12);
	}

	@Test
	void nhwcKerasHeadIsFoundWithNhwcFeatures() throws Exception {
		HeadSearchResult r = load(Head.NHWC_KERAS).head();
		assertTrue(r.hasCam(), r.noCamReason());
		assertEquals("features_nhwc", r.head().featureTensor());
		assertEquals(Layout.NHWC, r.head().featureLayout());
		assertEquals(Layout.NHWC, load(Head.NHWC_KERAS).metadata().layout());
	}

	@Test
	void ninHeadUsesTheClassMapsDirectly() throws Exception {
		HeadSearchResult r = load(Head.NIN).head();
		assertTrue(r.hasCam(), r.noCamReason());
		assertEquals(CamHead.Kind.CLASS_MAPS, r.head().kind());
		assertEquals("class_maps", r.head().featureTensor());
		assertEquals("scores", r.logitsTensor());
	}

	@Test
	void auxiliaryHeadIsIgnoredWhateverTheOutputOrder() throws Exception {
		HeadSearchResult r = load(Head.AUX_FIRST).head();
		assertEquals("logits", r.output());
		assertEquals(1, r.ignoredOutputs().size());
		assertTrue(r.ignoredOutputs().get(0).startsWith("aux_logits"), r.ignoredOutputs().toString());
	}

	@Test
	void flattenDenseGetsAnExactFlattenHead() throws Exception {
		HeadSearchResult r = load(Head.FLATTEN_DENSE).head();
		assertTrue(r.hasCam(), r.noCamReason());
		assertEquals("logits", r.output());
		assertEquals(io.github.inceptioncam.model.CamHead.Kind.CHAIN, r.head().kind());
		assertEquals(HeadChain.Reduce.FLATTEN, r.head().chain().reduce());
		assertEquals("hirescam", r.head().method());
		assertTrue(r.head().exact());
	}

	@Test
	void partialAveragePoolIsNotMistakenForGap() throws Exception {
		io.github.inceptioncam.testing.OnnxBuilder b = new io.github.inceptioncam.testing.OnnxBuilder();
		b.input("x", 1, 3, 8, 8);
		b.node("AveragePool", "x", "p", "kernel_shape", new long[] {4, 4}, "strides", new long[] {4, 4});
		b.node("Flatten", "p", "f");
		b.init("w", new float[12 * 2], 2, 12);
		b.node("Gemm", new String[] {"f", "w"}, new String[] {"y"}, "transB", 1L);
		b.output("y");
		HeadSearchResult r = InceptionModel.fromBytes(b.bytes(), "partial", null, null, null, null).head();
		// a 4x4 pool over an 8x8 map is not global: the map is taken on the pooled 2x2 map, flattened
		assertTrue(r.hasCam(), r.noCamReason());
		assertEquals("p", r.head().featureTensor());
		assertEquals(HeadChain.Reduce.FLATTEN, r.head().chain().reduce());
	}

	@Test
	void castToFloatInsideTheHeadIsPassedAndOtherOperatorsAreNamed() throws Exception {
		java.util.Random rnd = new java.util.Random(5);
		for (String op : new String[] {"Cast", "Abs"}) {
			io.github.inceptioncam.testing.OnnxBuilder b = new io.github.inceptioncam.testing.OnnxBuilder();
			b.input("x", 1, 3, 8, 8);
			b.randomInit("cw", rnd, 0.5, 4, 3, 1, 1);
			b.node("Conv", new String[] {"x", "cw"}, new String[] {"feat"}, "kernel_shape", new long[] {1, 1});
			b.node("GlobalAveragePool", "feat", "gap");
			b.node("Flatten", "gap", "flat");
			b.randomInit("w1", rnd, 0.5, 5, 4);
			b.node("Gemm", new String[] {"flat", "w1"}, new String[] {"h"}, "transB", 1L);
			b.node("Relu", "h", "hr");
			if (op.equals("Cast")) b.node("Cast", "hr", "hc", "to", 1L);
			else b.node("Abs", "hr", "hc");
			b.randomInit("w2", rnd, 0.5, 2, 5);
			b.node("Gemm", new String[] {"hc", "w2"}, new String[] {"y"}, "transB", 1L);
			b.output("y");
			HeadSearchResult r = InceptionModel.fromBytes(b.bytes(), op, null, null, null, null).head();
			if (op.equals("Cast")) {
				assertTrue(r.hasCam(), r.noCamReason());
				assertEquals("feat", r.head().featureTensor());
				assertEquals("hirescam", r.head().method());
			} else {
				assertFalse(r.hasCam());
				assertTrue(r.noCamReason().contains("Abs"), r.noCamReason());
			}
		}
	}
}
