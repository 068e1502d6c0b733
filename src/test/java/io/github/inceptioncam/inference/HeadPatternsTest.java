package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.inceptioncam.cam.CamMaps;
import io.github.inceptioncam.model.InceptionModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heads real fine-tuned models have, exported from PyTorch by {@code tools/heads/export_heads.py}
 * with class maps from torch autograd: our maps must equal them within {@code 1e-3·max(1,|ref|)}, the
 * logits must be ONNX Runtime's, and the identity must hold for every class where the head is exact.
 */
class HeadPatternsTest {
	private static final Path DIR = Paths.get("src/test/resources/heads");

	private static JsonObject ref(String name) throws Exception {
		return JsonParser.parseString(Files.readString(DIR.resolve(name + ".ref.json"), StandardCharsets.UTF_8)).getAsJsonObject();
	}

	/** The reference input as a 32-bit image (values fed as they are), whatever the model's layout. */
	private static ImageInput input(JsonObject ref) {
		JsonArray shape = ref.getAsJsonArray("input_shape");
		boolean nhwc = ref.get("layout").getAsString().equals("NHWC");
		int h = shape.get(nhwc ? 1 : 2).getAsInt(), w = shape.get(nhwc ? 2 : 3).getAsInt();
		int c = shape.get(nhwc ? 3 : 1).getAsInt();
		JsonArray v = ref.getAsJsonArray("input");
		List<float[]> planes = new ArrayList<>();
		for (int k = 0; k < c; k++) {
			float[] p = new float[w * h];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) p[y * w + x] = v.get(nhwc ? (y * w + x) * c + k : (k * h + y) * w + x).getAsFloat();
			}
			planes.add(p);
		}
		return new ImageInput("ref", w, h, 32, planes);
	}

	@ParameterizedTest
	@ValueSource(strings = {"keras_mlp_nhwc", "torch_bn_mlp", "leaky", "prelu", "flatten_maxpool", "sigmoid",
		"torch_bn_mlp_nhwc", "leaky_nhwc", "prelu_nhwc", "flatten_maxpool_nhwc", "sigmoid_nhwc", "keras_avgpool_mlp_nhwc"})
	void mapsEqualTorchAutograd(String name) throws Exception {
		JsonObject ref = ref(name);
		InceptionModel m = InceptionModel.load(DIR.resolve(name + ".onnx"), null);
		assertTrue(m.head().hasCam(), m.head().noCamReason());
		boolean exact = !name.startsWith("sigmoid");
		// tf2onnx pools in NCHW (AveragePool needs it) and transposes only the pooled 1x1 map to channels-last
		boolean nhwcFeatures = name.endsWith("_nhwc") && !name.equals("keras_avgpool_mlp_nhwc");
		assertEquals(nhwcFeatures ? io.github.inceptioncam.model.Layout.NHWC : io.github.inceptioncam.model.Layout.NCHW,
			m.head().head().featureLayout(), "layout of the feature map the head reads");
		assertEquals(exact ? "hirescam" : "gradient", m.head().head().method());
		JsonArray logits = ref.getAsJsonArray("logits"), maps = ref.getAsJsonArray("maps");
		try (CamEngine e = CamEngine.load(m, DeviceChoice.CPU, null); CamSession s = e.newSession(1)) {
			Classification r = s.classify(input(ref), new ClassifyOptions().top(4).classSpec("all"));
			assertNotNull(r.cam(), r.camError());
			assertEquals(logits.size(), r.cams().size());
			for (CamResult c : r.cams()) {
				int k = c.classIndex();
				double z = r.logits()[k];
				assertEquals(logits.get(k).getAsDouble(), z, 1e-4 * Math.max(1, Math.abs(z)), "logit " + k);
				JsonArray rows = maps.get(k).getAsJsonArray();
				assertEquals(rows.size(), c.featureHeight(), "rows of class " + k);
				assertEquals(rows.get(0).getAsJsonArray().size(), c.featureWidth(), "columns of class " + k);
				for (int y = 0; y < c.featureHeight(); y++) {
					for (int x = 0; x < c.featureWidth(); x++) {
						double want = rows.get(y).getAsJsonArray().get(x).getAsDouble();
						assertEquals(want, c.raw(y, x), 1e-3 * Math.max(1, Math.abs(want)), name + " class " + k + " at y=" + y + " x=" + x);
					}
				}
				assertEquals(exact, c.exact());
				if (exact) {
					assertTrue(Math.abs(c.identityError()) <= CamMaps.identityTolerance(z), "identity " + c.identityError());
				} else {
					// first-order map: the gap is reported, not refused
					assertEquals(CamMaps.mean(c.raw()) - z, c.identityError(), 1e-9);
				}
			}
		}
	}

	@Test
	void anOperatorTheWalkerCannotDifferentiateIsRefusedByName() throws Exception {
		InceptionModel m = InceptionModel.load(DIR.resolve("unsupported.onnx"), null);
		assertFalse(m.head().hasCam());
		assertTrue(m.head().noCamReason().contains("Abs"), m.head().noCamReason());
		try (CamEngine e = CamEngine.load(m, DeviceChoice.CPU, null); CamSession s = e.newSession(1)) {
			Classification r = s.classify(input(ref("unsupported")), new ClassifyOptions());
			assertEquals(4, r.logits().length);
			assertTrue(r.camError().contains("Abs"), r.camError());
		}
	}

	@Test
	void severalClassesAtOnceInTheOrderAsked() throws Exception {
		JsonObject ref = ref("leaky");
		InceptionModel m = InceptionModel.load(DIR.resolve("leaky.onnx"), null);
		try (CamEngine e = CamEngine.load(m, DeviceChoice.CPU, null); CamSession s = e.newSession(1)) {
			Classification r = s.classify(input(ref), new ClassifyOptions().classSpec("2,0,2,top2"));
			List<Integer> got = new ArrayList<>();
			for (CamResult c : r.cams()) got.add(c.classIndex());
			int[] rank = CamSession.ranking(r.probabilities());
			List<Integer> want = new ArrayList<>(List.of(2, 0));
			for (int i = 0; i < 2; i++) if (!want.contains(rank[i])) want.add(rank[i]);
			assertEquals(want, got);
			assertEquals(2, r.cam().classIndex());
		}
	}
}
