package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.cam.CamMaps;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import io.github.inceptioncam.testing.TestImages;
import io.github.inceptioncam.testing.TestModels;
import io.github.inceptioncam.testing.TestModels.Head;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CamEngineTest {
	static InceptionModel model(Head head, long seed) throws ModelException {
		return InceptionModel.fromBytes(TestModels.build(head, seed).bytes(), head.name(), null, null, null, null);
	}

	static CamEngine cpu(InceptionModel m) throws Exception {
		return CamEngine.load(m, DeviceChoice.CPU, null);
	}

	/** The original (not rewritten) model's main output, run by raw ONNX Runtime on the same input. */
	static float[] rawOrt(InceptionModel m, ImageInput img, String output) throws Exception {
		Preprocessor pre = new Preprocessor(m.metadata());
		FloatBuffer buf = FloatBuffer.allocate(pre.imageSize());
		pre.write(img, buf, 0);
		OrtEnvironment env = OrtRuntime.environment();
		try (OrtSession s = env.createSession(m.graph().model().toByteArray(), new OrtSession.SessionOptions());
				OnnxTensor t = OnnxTensor.createTensor(env, buf, m.inputShape(1));
				OrtSession.Result r = s.run(Map.of(m.inputName(), t))) {
			float[][] out = (float[][]) r.get(output).get().getValue();
			return out[0];
		}
	}

	@ParameterizedTest
	@EnumSource(value = Head.class, names = {"GEMM_TORCH", "GEMM_ALPHA_BETA", "MATMUL_ADD_SOFTMAX", "REDUCEMEAN_AXES_INPUT",
		"AVGPOOL_FULL", "CONV1X1", "NIN", "NHWC_KERAS", "AUX_FIRST", "GAP_BN_AFFINE"})
	void rewriteKeepsOutputsAndCamIdentityHoldsForEveryClass(Head head) throws Exception {
		InceptionModel m = model(head, 11);
		ImageInput img = TestImages.random("img", 45, 37, 3, 5);
		float[] reference = rawOrt(m, img, m.head().output());
		try (CamEngine e = cpu(m); CamSession s = e.newSession(1)) {
			for (int c = 0; c < TestModels.CLASSES; c++) {
				Classification r = s.classify(img, new ClassifyOptions().top(TestModels.CLASSES).classSpec(String.valueOf(c)));
				double[] mine = m.head().softmaxOutput() ? r.probabilities() : r.logits();
				for (int k = 0; k < reference.length; k++) assertEquals(reference[k], mine[k], 1e-6, "output " + k + " changed by the rewrite");
				assertNotNull(r.cam(), r.camError());
				assertEquals(c, r.cam().classIndex());
				double z = r.logits()[c];
				double[] raw = r.cam().raw();
				double err = CamMaps.mean(raw) + (m.head().head().kind() == io.github.inceptioncam.model.CamHead.Kind.LINEAR ? m.head().head().bias()[c] : 0) - z;
				assertTrue(Math.abs(err) <= 1e-4 * Math.max(1, Math.abs(z)), "identity error " + err + " for class " + c);
				assertEquals(err, r.cam().identityError(), 1e-9);
				assertEquals(TestModels.FW, r.cam().featureWidth());
				assertEquals(TestModels.FH, r.cam().featureHeight());
				assertEquals("cpu", r.device());
			}
		}
	}

	@Test
	void nchwAndNhwcVersionsOfOneNetworkAgree() throws Exception {
		// Same seed: same trunk and head weights; only the layout of input and pooling differs.
		InceptionModel nchw = model(Head.MATMUL_ADD_SOFTMAX, 3), nhwc = model(Head.NHWC_KERAS, 3);
		ImageInput img = TestImages.random("img", 50, 30, 3, 9);
		Classification a, b;
		try (CamEngine e = cpu(nchw); CamSession s = e.newSession(1)) {
			a = s.classify(img, new ClassifyOptions());
		}
		try (CamEngine e = cpu(nhwc); CamSession s = e.newSession(1)) {
			b = s.classify(img, new ClassifyOptions());
		}
		assertArrayEquals(a.logits(), b.logits(), 1e-5);
		assertArrayEquals(a.cam().raw(), b.cam().raw(), 1e-5);
		assertArrayEquals(a.cam().box(), b.cam().box());
	}

	@Test
	void flattenDenseModelGetsAnExactMapForEveryClass() throws Exception {
		try (CamEngine e = cpu(model(Head.FLATTEN_DENSE, 2)); CamSession s = e.newSession(1)) {
			Classification r = s.classify(TestImages.random("img", 32, 24, 3, 1), new ClassifyOptions().top(2).classSpec("all"));
			assertEquals(2, r.top().size());
			assertNotNull(r.cam(), r.camError());
			assertEquals(TestModels.CLASSES, r.cams().size());
			for (CamResult c : r.cams()) {
				assertEquals("hirescam", c.method());
				assertTrue(c.exact());
				assertTrue(Math.abs(c.identityError()) <= 1e-4 * Math.max(1, Math.abs(r.logits()[c.classIndex()])), "class " + c.classIndex());
			}
		}
	}

	@Test
	void aBatchEqualsSingleRunsAndRepeatedRunsAreBitwiseEqual() throws Exception {
		InceptionModel m = model(Head.GEMM_TORCH, 4);
		List<ImageInput> imgs = new ArrayList<>();
		for (int i = 0; i < 5; i++) imgs.add(TestImages.random("img" + i, 30 + 7 * i, 40 - 3 * i, i % 2 == 0 ? 3 : 1, i));
		try (CamEngine e = cpu(m); CamSession batch = e.newSession(3); CamSession single = e.newSession(1)) {
			List<Classification> b = batch.classify(imgs, new ClassifyOptions());
			assertEquals(5, b.size());
			for (int i = 0; i < imgs.size(); i++) {
				Classification one = single.classify(imgs.get(i), new ClassifyOptions());
				assertEquals("img" + i, b.get(i).image());
				assertArrayEquals(one.logits(), b.get(i).logits(), 1e-5);
				assertArrayEquals(one.cam().raw(), b.get(i).cam().raw(), 1e-5);
				Classification again = single.classify(imgs.get(i), new ClassifyOptions());
				assertArrayEquals(one.logits(), again.logits(), 0.0, "repeated CPU runs must be bitwise equal");
				assertArrayEquals(one.cam().raw(), again.cam().raw(), 0.0);
				assertArrayEquals(one.cam().box(), again.cam().box());
			}
		}
	}

	@Test
	void unknownClassIsRejected() throws Exception {
		try (CamEngine e = cpu(model(Head.GEMM_TORCH, 4)); CamSession s = e.newSession(1)) {
			IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> s.classify(TestImages.random("i", 8, 8, 3, 1), new ClassifyOptions().classSpec("7")));
			assertTrue(ex.getMessage().contains("out of range"), ex.getMessage());
		}
	}
}
