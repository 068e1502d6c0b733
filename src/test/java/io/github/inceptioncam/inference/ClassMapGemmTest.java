package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.cam.CamMaps;
import io.github.inceptioncam.cam.FeatureMap;
import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.testing.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The many-class maps made by ONNX Runtime's matrix product against the Java sums, in both layouts. */
class ClassMapGemmTest {
	static final int K = 37, FH = 5, FW = 7, CLASSES = 50;

	static float[][] features(Random rnd) {
		float[] nchw = new float[K * FH * FW], nhwc = new float[nchw.length];
		for (int i = 0; i < nchw.length; i++) nchw[i] = (float) Math.max(0, rnd.nextGaussian());
		for (int j = 0; j < K; j++) for (int p = 0; p < FH * FW; p++) nhwc[p * K + j] = nchw[j * FH * FW + p];
		return new float[][] {nchw, nhwc};
	}

	static CamHead head(Random rnd, Layout layout) {
		double[][] w = new double[CLASSES][K];
		for (double[] row : w) for (int j = 0; j < K; j++) row[j] = rnd.nextGaussian();
		double[] b = new double[CLASSES];
		for (int c = 0; c < CLASSES; c++) b[c] = rnd.nextGaussian();
		return new CamHead(CamHead.Kind.LINEAR, "f", layout, w, b, "gap", "fc", 1);
	}

	@Test
	void mapsEqualTheJavaSumsToSinglePrecision() throws Exception {
		Random rnd = new Random(21);
		float[][] data = features(rnd);
		for (Layout layout : Layout.values()) {
			CamHead head = head(new Random(4), layout);
			FeatureMap f = new FeatureMap(layout == Layout.NCHW ? data[0] : data[1], 0, K, FH, FW, layout);
			int[] wanted = {49, 0, 7, 7, 23};
			try (OrtSession.SessionOptions so = new OrtSession.SessionOptions(); ClassMapGemm g = ClassMapGemm.open(head, so)) {
				double[][] got = g.maps(f, wanted);
				for (int i = 0; i < wanted.length; i++) {
					double[] want = CamMaps.raw(head, f, wanted[i]);
					for (int p = 0; p < want.length; p++) {
						assertEquals(want[p], got[i][p], 1e-5 * Math.max(1, Math.abs(want[p])), layout + " class " + wanted[i] + " pixel " + p);
					}
				}
			}
		}
	}

	@Test
	void allClassesThroughTheMapperKeepTheIdentityAndTheBoxes() throws Exception {
		Random rnd = new Random(8);
		float[][] data = features(rnd);
		List<String> labels = new ArrayList<>();
		for (int c = 0; c < CLASSES; c++) labels.add("c" + c);
		ModelMetadata meta = new ModelMetadata.Builder().labels(labels).build();
		List<Integer> all = new ArrayList<>();
		for (int c = 0; c < CLASSES; c++) all.add(c);
		for (Layout layout : Layout.values()) {
			CamHead head = head(new Random(9), layout);
			FeatureMap f = new FeatureMap(layout == Layout.NCHW ? data[0] : data[1], 0, K, FH, FW, layout);
			double[] logits = new double[CLASSES];
			for (int c = 0; c < CLASSES; c++) logits[c] = CamMaps.mean(CamMaps.raw(head, f, c)) + head.biasOf(c);
			ClassMapper.Outcome inJava = ClassMapper.map(head, f, logits, all, meta, 64, 48, 0.2);
			ClassMapper.Outcome ort;
			try (OrtSession.SessionOptions so = new OrtSession.SessionOptions(); ClassMapGemm g = ClassMapGemm.open(head, so)) {
				ort = ClassMapper.map(head, f, logits, all, meta, 64, 48, 0.2, g);
			}
			assertNull(ort.error, ort.error);
			assertEquals(CLASSES, ort.cams.size());
			int sameBox = 0;
			for (int i = 0; i < CLASSES; i++) {
				CamResult a = inJava.cams.get(i), b = ort.cams.get(i);
				assertEquals(a.classIndex(), b.classIndex());
				assertTrue(Math.abs(b.identityError()) <= CamMaps.identityTolerance(logits[i]), "identity of class " + i + ": " + b.identityError());
				if (Arrays.equals(a.box(), b.box())) sameBox++;
			}
			// a box can only differ where a value sits within float rounding of the threshold
			assertTrue(sameBox >= CLASSES - 1, sameBox + " of " + CLASSES + " boxes equal");
		}
	}

	@Test
	void theEngineUsesItForManyClassesOfALinearHeadOnly() throws Exception {
		InceptionModel linear = InceptionModel.fromBytes(TestModels.build(TestModels.Head.GEMM_TORCH, 1).bytes(), "linear", null, null, null, null);
		InceptionModel nin = InceptionModel.fromBytes(TestModels.build(TestModels.Head.NIN, 1).bytes(), "nin", null, null, null, null);
		try (CamEngine e = CamEngine.load(linear, DeviceChoice.CPU, null); CamEngine n = CamEngine.load(nin, DeviceChoice.CPU, null)) {
			assertNull(e.classMapGemm(ClassMapGemm.MIN_CLASSES - 1), "too few classes for it to pay");
			ClassMapGemm g = e.classMapGemm(ClassMapGemm.MIN_CLASSES);
			assertNotNull(g);
			assertSame(g, e.classMapGemm(1000), "opened once per engine");
			assertNull(n.classMapGemm(1000), "class maps of a NIN head come from the model itself");
		}
	}

	@Test
	void theModelIsAValidOnnxMatrixProduct() throws Exception {
		double[][] w = {{1, 2}, {3, 4}, {5, 6}};
		byte[] bytes = ClassMapGemm.model(3, 2, Layout.NCHW).toByteArray();
		assertTrue(bytes.length > 24);
		CamHead head = new CamHead(CamHead.Kind.LINEAR, "f", Layout.NCHW, w, new double[3], "gap", "fc", 1);
		// a = [[1, 0], [0, 1]] over 2 pixels: the maps are the weights' columns
		FeatureMap f = new FeatureMap(new float[] {1, 0, 0, 1}, 0, 2, 1, 2, Layout.NCHW);
		try (OrtSession.SessionOptions so = new OrtSession.SessionOptions(); ClassMapGemm g = ClassMapGemm.open(head, so)) {
			double[][] m = g.maps(f, new int[] {0, 1, 2});
			assertArrayEquals(new double[] {1, 2}, m[0]);
			assertArrayEquals(new double[] {3, 4}, m[1]);
			assertArrayEquals(new double[] {5, 6}, m[2]);
		}
	}
}
