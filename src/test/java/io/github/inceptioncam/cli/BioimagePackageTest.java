package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.EngineCache;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelException;
import io.github.inceptioncam.model.Npy;
import io.github.inceptioncam.testing.BioPackages;
import io.github.inceptioncam.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bioimage.io packages built here (0.4 bcyx and 0.5 byxc), as folder, rdf.yaml and zip: loading, labels,
 * refusals, and {@code validate} against expected outputs computed with plain ONNX Runtime on a tensor
 * preprocessed by hand in this test.
 */
class BioimagePackageTest {
	static final int W = TestModels.W, H = TestModels.H;
	static final double P_LO = 1, P_HI = 99;
	static final double[] GAIN = {1.0, 0.5, 2.0}, OFFSET = {0, 1, -1};

	@TempDir
	Path dir;

	/** Raw test input values (0-1000 with fractions), channel c, pixel i (row-major y, x). */
	static float[][] raw(long seed) {
		Random r = new Random(seed);
		float[][] p = new float[3][W * H];
		for (int c = 0; c < 3; c++) for (int i = 0; i < p[c].length; i++) p[c][i] = (float) (r.nextDouble() * 1000 * (c + 1));
		return p;
	}

	/** A 0.4 package (axes bcyx, scale_range per sample over xy 1-99 %, labels from config.inception_cam). */
	Path v04(Path folder, String axes, String sha) throws Exception {
		Files.createDirectories(folder);
		byte[] onnx = TestModels.build(TestModels.Head.GEMM_TORCH, 5).bytes();
		Files.write(folder.resolve("model.onnx"), onnx);
		float[][] p = raw(1);
		float[] in = new float[3 * W * H], pre = new float[3 * W * H];
		for (int c = 0; c < 3; c++) {
			double[] v = new double[W * H];
			for (int i = 0; i < v.length; i++) v[i] = p[c][i];
			double lo = BioPackages.percentile(v, P_LO), hi = BioPackages.percentile(v, P_HI);
			for (int i = 0; i < v.length; i++) {
				in[c * W * H + i] = p[c][i];
				pre[c * W * H + i] = (float) ((v[i] - lo) / (hi - lo + 1e-6));
			}
		}
		long[] shape = {1, 3, H, W};
		BioPackages.npy(folder.resolve("test_input.npy"), shape, in);
		float[] expected = BioPackages.run(onnx, "image", pre, shape, "logits");
		BioPackages.npy(folder.resolve("test_output.npy"), new long[] {1, TestModels.CLASSES}, expected);
		BioPackages.text(folder.resolve("rdf.yaml"), String.join("\n",
			"format_version: 0.4.10",
			"type: model",
			"name: toy classifier 0.4",
			"description: a test package",
			"authors: [{name: Test}]",
			"inputs:",
			"  - name: image",
			"    axes: " + axes,
			"    data_type: float32",
			"    shape: [1, 3, " + H + ", " + W + "]",
			"    preprocessing:",
			"      - name: scale_range",
			"        kwargs: {mode: per_sample, axes: xy, min_percentile: " + P_LO + ", max_percentile: " + P_HI + "}",
			"outputs:",
			"  - name: logits",
			"    axes: bc",
			"    data_type: float32",
			"    shape: [1, 4]",
			"test_inputs: [test_input.npy]",
			"test_outputs: [test_output.npy]",
			"weights:",
			"  onnx:",
			"    source: model.onnx",
			"    sha256: " + (sha != null ? sha : BioPackages.sha256(onnx)),
			"    opset_version: 13",
			"config:",
			"  inception_cam:",
			"    labels: [interphase, mitosis, apoptosis, binucleated]",
			"    name: our name",
			""));
		return folder;
	}

	/** A 0.5 package (NHWC: axes b, y, x, channel; scale_linear along channel, then zero_mean_unit_variance per channel). */
	Path v05(Path folder) throws Exception {
		Files.createDirectories(folder);
		byte[] onnx = TestModels.build(TestModels.Head.NHWC_KERAS, 6).bytes();
		Files.write(folder.resolve("weights.onnx"), onnx);
		float[][] p = raw(2);
		int n = W * H;
		float[] in = new float[3 * n], pre = new float[3 * n];
		for (int c = 0; c < 3; c++) {
			double[] v = new double[n];
			double sum = 0;
			for (int i = 0; i < n; i++) {
				v[i] = GAIN[c] * p[c][i] + OFFSET[c];
				sum += v[i];
			}
			double mean = sum / n, ss = 0;
			for (double x : v) ss += (x - mean) * (x - mean);
			double std = Math.sqrt(ss / n);
			for (int i = 0; i < n; i++) {
				in[i * 3 + c] = p[c][i];
				pre[i * 3 + c] = (float) ((v[i] - mean) / (std + 1e-6));
			}
		}
		long[] shape = {1, H, W, 3};
		BioPackages.npy(folder.resolve("in.npy"), shape, in);
		float[] expected = BioPackages.run(onnx, "image", pre, shape, "probs");
		BioPackages.npy(folder.resolve("out.npy"), new long[] {1, TestModels.CLASSES}, expected);
		BioPackages.text(folder.resolve("bioimageio.yaml"), String.join("\n",
			"format_version: 0.5.4",
			"type: model",
			"name: toy classifier 0.5",
			"inputs:",
			"  - id: image",
			"    axes:",
			"      - type: batch",
			"      - {type: space, id: y, size: " + H + "}",
			"      - {type: space, id: x, size: " + W + "}",
			"      - {type: channel, channel_names: [r, g, b]}",
			"    test_tensor: {source: in.npy, sha256: " + BioPackages.sha256(Files.readAllBytes(folder.resolve("in.npy"))) + "}",
			"    preprocessing:",
			"      - id: scale_linear",
			"        kwargs: {axis: channel, gain: [1.0, 0.5, 2.0], offset: [0, 1, -1]}",
			"      - id: zero_mean_unit_variance",
			"        kwargs: {axes: [batch, x, y]}",
			"      - id: ensure_dtype",
			"        kwargs: {dtype: float32}",
			"outputs:",
			"  - id: probs",
			"    axes:",
			"      - type: batch",
			"      - {type: channel, channel_names: [interphase, mitosis, apoptosis, binucleated]}",
			"    test_tensor: {source: out.npy}",
			"weights:",
			"  onnx: {source: weights.onnx, sha256: " + BioPackages.sha256(onnx) + ", opset_version: 13}",
			""));
		return folder;
	}

	@Test
	void v04FolderRdfAndZipLoadWithLabelsFromConfigAndPassValidate() throws Exception {
		Path pkg = v04(dir.resolve("pkg04"), "bcyx", null);
		Path zip = BioPackages.zip(pkg, dir.resolve("pkg04.zip"), "toy/");
		for (Path p : List.of(pkg, pkg.resolve("rdf.yaml"), zip)) {
			InceptionModel m = InceptionModel.load(p, null);
			assertEquals(Layout.NCHW, m.metadata().layout(), p.toString());
			assertEquals(List.of("interphase", "mitosis", "apoptosis", "binucleated"), m.metadata().labels());
			assertEquals("our name", m.metadata().name());
			assertEquals(1, m.metadata().steps().size());
			io.github.inceptioncam.testing.CliRun r = CliTest.cli("validate", "--model", p.toString());
			assertEquals(0, r.code, r.out + r.err);
			assertTrue(r.out.trim().matches("PASS logits: max abs diff \\S+, max rel diff \\S+"), r.out);
		}
	}

	@Test
	void v05NhwcWithChannelNamesPassesAndATamperedOutputFails() throws Exception {
		Path pkg = v05(dir.resolve("pkg05"));
		InceptionModel m = InceptionModel.load(pkg, null);
		assertEquals(Layout.NHWC, m.metadata().layout());
		assertEquals(List.of("interphase", "mitosis", "apoptosis", "binucleated"), m.metadata().labels());
		io.github.inceptioncam.testing.CliRun r = CliTest.cli("validate", "--model", pkg.resolve("bioimageio.yaml").toString(), "--json");
		assertEquals(0, r.code, r.out + r.err);
		JsonObject o = r.json().get(0);
		assertTrue(o.get("pass").getAsBoolean());
		assertEquals("probs", o.getAsJsonArray("outputs").get(0).getAsJsonObject().get("output").getAsString());

		Npy out = Npy.read(Files.readAllBytes(pkg.resolve("out.npy")));
		out.data[2] += 0.01f;
		BioPackages.npy(pkg.resolve("out.npy"), out.shape, out.data);
		r = CliTest.cli("validate", "--model", pkg.toString());
		assertEquals(1, r.code, r.out + r.err);
		assertTrue(r.out.startsWith("FAIL probs: max abs diff 0.0100"), r.out);
	}

	@Test
	void packageToleranceIsUsed() throws Exception {
		Path pkg = v05(dir.resolve("tol"));
		Npy out = Npy.read(Files.readAllBytes(pkg.resolve("out.npy")));
		out.data[0] += 0.001f;
		BioPackages.npy(pkg.resolve("out.npy"), out.shape, out.data);
		assertEquals(1, CliTest.cli("validate", "--model", pkg.toString()).code);
		Files.writeString(pkg.resolve("bioimageio.yaml"), Files.readString(pkg.resolve("bioimageio.yaml"))
			+ "config:\n  bioimageio:\n    reproducibility_tolerance:\n      - {absolute_tolerance: 0.01, relative_tolerance: 0.0}\n");
		io.github.inceptioncam.testing.CliRun r = CliTest.cli("validate", "--model", pkg.toString());
		assertEquals(0, r.code, r.out + r.err);
	}

	@Test
	void wrongSha256IsRefusedNamingTheFile() throws Exception {
		Path pkg = v04(dir.resolve("badsha"), "bcyx", "0000000000000000000000000000000000000000000000000000000000000000");
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(pkg, null));
		assertTrue(e.getMessage().contains("model.onnx") && e.getMessage().contains("SHA-256"), e.getMessage());
		io.github.inceptioncam.testing.CliRun r = CliTest.cli("info", "--model", pkg.toString());
		assertEquals(2, r.code);
		assertEquals(1, r.err.trim().split("\n").length, r.err);
		assertEquals(2, CliTest.cli("validate", "--model", pkg.toString()).code);
	}

	@Test
	void configInceptionCamIsReadAndAnErrorInItNamesThePackage() throws Exception {
		Path pkg = v04(dir.resolve("cfg"), "bcyx", null);
		InceptionModel m = InceptionModel.load(pkg, null);
		assertTrue(m.metadata().sources().stream().anyMatch(s -> s.contains("bioimage.io package") && s.contains("rdf.yaml")
			&& s.contains("0.4.10")), m.metadata().sources().toString());
		Files.writeString(pkg.resolve("rdf.yaml"), Files.readString(pkg.resolve("rdf.yaml")).replace("    name: our name", "    output: maybe"));
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(pkg, null));
		assertTrue(e.getMessage().contains("rdf.yaml") && e.getMessage().contains("\"output\""), e.getMessage());
	}

	@Test
	void unsupportedAxisOrderIsRefusedSayingWhichAreSupported() throws Exception {
		Path pkg = v04(dir.resolve("bcxy"), "bcxy", null);
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(pkg, null));
		assertTrue(e.getMessage().contains("'bcxy'") && e.getMessage().contains("bcyx (NCHW) and byxc (NHWC)"), e.getMessage());
	}

	@Test
	void badPackagesExitTwo() throws Exception {
		Path pkg = v04(dir.resolve("missing"), "bcyx", null);
		Files.delete(pkg.resolve("test_input.npy"));
		io.github.inceptioncam.testing.CliRun r = CliTest.cli("validate", "--model", pkg.toString());
		assertEquals(2, r.code, r.out + r.err);
		assertTrue(r.err.contains("test_input.npy"), r.err);
		Path plain = TestModels.build(TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("plain.onnx"));
		assertEquals(2, CliTest.cli("validate", "--model", plain.toString()).code);
		Files.writeString(pkg.resolve("rdf.yaml"), Files.readString(pkg.resolve("rdf.yaml")).replace("name: scale_range", "name: scale_mean_variance"));
		r = CliTest.cli("info", "--model", pkg.toString());
		assertEquals(2, r.code);
		assertTrue(r.err.contains("scale_mean_variance") && r.err.contains("not supported"), r.err);
	}

	@Test
	void classifyAndTheFijiEngineCacheTakeAPackageFolder() throws Exception {
		Path pkg = v04(dir.resolve("fiji"), "bcyx", null);
		BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
		Random r = new Random(3);
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) img.setRGB(x, y, r.nextInt(1 << 24));
		Path png = dir.resolve("cell.png");
		ImageIO.write(img, "png", png.toFile());
		io.github.inceptioncam.testing.CliRun run = CliTest.cli("classify", "--model", pkg.toString(), "--device", "cpu", "--json", png.toString());
		assertEquals(0, run.code, run.out + run.err);
		String label = run.json().get(0).getAsJsonArray("top").get(0).getAsJsonObject().get("label").getAsString();
		assertTrue(List.of("interphase", "mitosis", "apoptosis", "binucleated").contains(label), label);
		CamEngine a = EngineCache.get(pkg, DeviceChoice.CPU, null);
		assertSame(a, EngineCache.get(pkg, DeviceChoice.CPU, null));
		assertEquals(List.of("interphase", "mitosis", "apoptosis", "binucleated"), a.model().metadata().labels());
	}
}
