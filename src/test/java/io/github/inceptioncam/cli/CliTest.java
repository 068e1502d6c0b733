package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.inceptioncam.testing.CliRun;
import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: JSON fields, exit codes, one-line errors, the --out folder. */
class CliTest {
	@TempDir
	Path dir;
	Path model;
	Path images;

	static CliRun cli(String... args) {
		return CliRun.of(args);
	}

	@BeforeEach
	void setUp() throws Exception {
		model = TestModels.build(TestModels.Head.GEMM_TORCH, 21).write(dir.resolve("toy.onnx"));
		Files.write(dir.resolve("toy.json"), "{\"labels\":[\"cat\",\"dog\",\"mitosis\",\"apoptosis\"]}".getBytes(StandardCharsets.UTF_8));
		images = Files.createDirectory(dir.resolve("images"));
		Random rnd = new Random(3);
		ByteProcessor bp = new ByteProcessor(40, 30);
		ShortProcessor sp = new ShortProcessor(50, 20);
		ColorProcessor cp = new ColorProcessor(33, 47);
		for (int i = 0; i < 40 * 30; i++) bp.set(i, rnd.nextInt(256));
		for (int i = 0; i < 50 * 20; i++) sp.set(i, rnd.nextInt(65536));
		for (int i = 0; i < 33 * 47; i++) cp.set(i, rnd.nextInt(1 << 24));
		new FileSaver(new ImagePlus("a", bp)).saveAsTiff(images.resolve("a.tif").toString());
		new FileSaver(new ImagePlus("b", sp)).saveAsTiff(images.resolve("b.tif").toString());
		new FileSaver(new ImagePlus("c", cp)).saveAsPng(images.resolve("c.png").toString());
	}

	@Test
	void jsonLinesFollowTheContract() {
		CliRun r = cli("classify", "--model", model.toString(), "--device", "cpu", "--top", "3", "--json", images.toString());
		assertEquals(0, r.code, r.err);
		List<JsonObject> lines = r.json();
		assertEquals(3, lines.size());
		JsonObject a = lines.get(0);
		assertTrue(a.get("image").getAsString().endsWith("a.tif"));
		assertEquals(model.toString(), a.get("model").getAsString());
		assertEquals(64, a.get("model_sha256").getAsString().length());
		assertEquals("cpu", a.get("device").getAsString());
		assertEquals(40, a.getAsJsonArray("input_size").get(0).getAsInt());
		assertEquals(30, a.getAsJsonArray("input_size").get(1).getAsInt());
		JsonArray top = a.getAsJsonArray("top");
		assertEquals(3, top.size());
		double p0 = top.get(0).getAsJsonObject().get("probability").getAsDouble();
		assertTrue(p0 >= top.get(1).getAsJsonObject().get("probability").getAsDouble());
		for (String k : new String[] {"index", "label", "probability", "logit"}) assertTrue(top.get(0).getAsJsonObject().has(k), k);
		JsonObject cam = a.getAsJsonObject("cam");
		assertNotNull(cam);
		assertEquals(top.get(0).getAsJsonObject().get("index").getAsInt(), cam.get("class_index").getAsInt());
		assertEquals(TestModels.FH, cam.getAsJsonArray("feature_size").get(0).getAsInt());
		assertEquals(TestModels.FW, cam.getAsJsonArray("feature_size").get(1).getAsInt());
		assertEquals(TestModels.FH, cam.getAsJsonArray("raw").size());
		assertEquals(TestModels.FW, cam.getAsJsonArray("raw").get(0).getAsJsonArray().size());
		assertEquals(4, cam.getAsJsonArray("bbox").size());
		assertTrue(Math.abs(cam.get("identity_error").getAsDouble()) < 1e-4);
		assertTrue(a.get("cam_error").isJsonNull());
		for (String k : new String[] {"preprocess", "inference", "cam"}) assertTrue(a.getAsJsonObject("timing_ms").has(k), k);
		// the same image through --batch gives the same answer
		CliRun b = cli("classify", "--model", model.toString(), "--device", "cpu", "--batch", "2", "--json", images.toString());
		assertEquals(0, b.code, b.err);
		assertEquals(a.getAsJsonObject("cam").get("raw").toString().length() > 0, true);
		assertEquals(lines.get(2).getAsJsonArray("top").get(0).getAsJsonObject().get("index"),
			b.json().get(2).getAsJsonArray("top").get(0).getAsJsonObject().get("index"));
	}

	@Test
	void classByLabelAndReadableTable() {
		CliRun r = cli("classify", "--model", model.toString(), "--device", "cpu", "--class", "mitosis", images.resolve("a.tif").toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("CAM of 'mitosis'"), r.out);
		assertTrue(r.out.contains("probability"), r.out);
		CliRun bad = cli("classify", "--model", model.toString(), "--class", "zebra", images.resolve("a.tif").toString());
		assertEquals(2, bad.code);
		assertTrue(bad.err.startsWith("error: class 'zebra'"), bad.err);
	}

	@Test
	void aBadImageIsReportedAndTheOthersStillProcessed() throws Exception {
		Files.write(images.resolve("broken.tif"), "not a tiff".getBytes(StandardCharsets.UTF_8));
		CliRun r = cli("classify", "--model", model.toString(), "--device", "cpu", "--json", images.toString(),
			dir.resolve("nothere.png").toString());
		assertEquals(1, r.code);
		assertEquals(3, r.json().size(), "the good images are still classified");
		String[] errs = r.err.trim().split("\n");
		assertEquals(2, errs.length, r.err);
		assertTrue(errs[0].startsWith("error: " + images.resolve("broken.tif") + ": "), errs[0]);
		assertTrue(errs[1].startsWith("error: " + dir.resolve("nothere.png") + ": no such file"), errs[1]);
		assertFalse(r.err.contains("\tat "), "no stack trace");
	}

	@Test
	void modelErrorsExitTwoWithOneLine() throws Exception {
		Path junk = Files.write(dir.resolve("junk.onnx"), new byte[] {1, 2, 3, 4, 5});
		CliRun r = cli("classify", "--model", junk.toString(), images.toString());
		assertEquals(2, r.code);
		assertEquals(1, r.err.trim().split("\n").length, r.err);
		assertTrue(r.err.startsWith("error: " + junk + ": not an ONNX model"), r.err);
		CliRun usage = cli("classify", "--top", "zero", images.toString());
		assertEquals(2, usage.code);
		CliRun none = cli();
		assertEquals(2, none.code);
		CliRun threads = cli("classify", "--threads", "-1", images.toString());
		assertEquals(2, threads.code);
		assertTrue(threads.err.startsWith("error: --threads must be 0"), threads.err);
	}

	@Test
	void gpuWithoutCudaFailsNamingWhatIsMissing() {
		// the tests run with an empty INCEPTION_CAM_HOME (pom.xml): no GPU pack, the CPU runtime
		CliRun r = cli("classify", "--model", model.toString(), "--device", "gpu", images.toString());
		assertEquals(2, r.code);
		assertEquals(1, r.err.trim().split("\n").length, r.err);
		assertTrue(r.err.startsWith("error: gpu requested but the GPU pack is not installed: run "), r.err);
		assertTrue(r.err.contains("gpu install"), r.err);
	}

	@Test
	void outFolderGetsCsvJsonAndCamTiff() throws Exception {
		Path out = dir.resolve("out");
		CliRun r = cli("classify", "--model", model.toString(), "--device", "cpu", "--top", "2", "--out", out.toString(), images.toString());
		assertEquals(0, r.code, r.err);
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(io.github.inceptioncam.image.ResultsCsv.HEADER, csv.get(0));
		assertEquals(1 + 3 * 2, csv.size());
		assertTrue(Files.exists(out.resolve("a.json")));
		ImagePlus cam = IJ.openImage(out.resolve("b_cam.tif").toString());
		assertEquals(50, cam.getWidth());
		assertEquals(20, cam.getHeight());
		assertEquals(32, cam.getBitDepth());
	}

	@Test
	void infoReportsHeadAndCosts() throws Exception {
		CliRun r = cli("info", "--model", model.toString(), "--json");
		assertEquals(0, r.code, r.err);
		JsonObject o = JsonParser.parseString(r.out).getAsJsonObject();
		assertEquals("features", o.get("feature_tensor").getAsString());
		assertEquals(4, o.get("classes").getAsInt());
		JsonArray layers = o.getAsJsonArray("layers");
		assertEquals(5, layers.size(), "4 convs and the Gemm");
		long sum = 0;
		for (int i = 0; i < layers.size(); i++) {
			JsonObject l = layers.get(i).getAsJsonObject();
			for (String k : new String[] {"name", "op", "macs", "params"}) assertTrue(l.has(k), k);
			sum += l.get("macs").getAsLong();
		}
		assertEquals(sum, o.get("total_macs").getAsLong());
		// stem conv: 4 x 12 x 16 outputs x 3x3 kernel x 3 input channels
		assertEquals(4L * 12 * 16 * 9 * 3, layers.get(0).getAsJsonObject().get("macs").getAsLong());
		assertTrue(o.get("total_params").getAsLong() > 0);
		Path dense = TestModels.build(TestModels.Head.FLATTEN_DENSE, 1).write(dir.resolve("dense.onnx"));
		CliRun text = cli("info", "--model", dense.toString());
		assertEquals(0, text.code, text.err);
		assertTrue(text.out.contains("-> Flatten (flatten) -> Gemm"), text.out);
		assertTrue(text.out.contains("total"), text.out);
	}
}
