package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.testing.OddImages;
import io.github.inceptioncam.testing.OnnxBuilder;
import io.github.inceptioncam.testing.TestModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix of the command line (docs/RELIABILITY.md has the same table with the observed
 * behaviour). One row per case: each runs {@code classify} in-process (or in a child JVM where the heap
 * matters) and checks the exit code (0 ok, 1 some inputs failed, 2 usage or model error), that stderr
 * holds exactly one {@code error: <input>: <reason>} line per bad input and no stack trace, and that the
 * good inputs among the bad ones are still classified. The Fiji rows are in
 * {@code imagej.gui.BatchMacroBadInputTest}.
 */
class BadInputMatrixTest {
	static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	@TempDir
	Path dir;
	Path model;
	Path good;

	/** A case of the table: sets up its inputs in the fixture, runs, asserts. */
	interface Case {
		void run(BadInputMatrixTest f) throws Exception;
	}

	static Arguments row(String name, Case c) {
		return Arguments.of(name, c);
	}

	static Stream<Arguments> rows() {
		return Stream.of(
			// ---------------------------------------------------------------- models: exit 2, one line naming the model
			row("model: not ONNX (a text file)", f -> f.badModel(Files.writeString(f.dir.resolve("text.onnx"), "hello, I am not a model\n"), "not an ONNX model")),
			row("model: truncated", f -> {
				byte[] b = Files.readAllBytes(f.model);
				f.badModel(Files.write(f.dir.resolve("truncated.onnx"), Arrays.copyOf(b, b.length / 2)), "not an ONNX model");
			}),
			row("model: empty file", f -> f.badModel(Files.write(f.dir.resolve("empty.onnx"), new byte[0]), "the file is empty")),
			row("model: random bytes", f -> {
				byte[] b = new byte[4096];
				new Random(7).nextBytes(b);
				f.badModel(Files.write(f.dir.resolve("random.onnx"), b), "not an ONNX model");
			}),
			row("model: two image inputs", f -> {
				OnnxBuilder b = new OnnxBuilder().input("a", 1, 3, 8, 8).input("b", 1, 3, 8, 8);
				b.node("Add", new String[] {"a", "b"}, new String[] {"y"}).output("y");
				f.badModel(b.write(f.dir.resolve("two.onnx")), "exactly one image input");
			}),
			row("model: unknown spatial dimensions (224 x 224, or the sidecar's size)", f -> {
				OnnxBuilder b = new OnnxBuilder().input("x", -1, 3, -1, -1);
				b.node("GlobalAveragePool", "x", "p").node("Flatten", "p", "y").output("y");
				// the documented default (docs/MODELS.md): 224 x 224 unless a sidecar gives the size
				Path m = b.write(f.dir.resolve("dynamic.onnx"));
				Run r = f.cli("classify", "--model", m.toString(), "--device", "cpu", "--json", f.good.toString());
				f.expect(r, 0, 1);
				assertEquals("[224,224]", r.json().get(0).getAsJsonObject("cam").get("feature_size").toString());
				Files.writeString(f.dir.resolve("dynamic.json"), "{\"input\": {\"width\": 64, \"height\": 48}}");
				r = f.cli("classify", "--model", m.toString(), "--device", "cpu", "--json", f.good.toString());
				f.expect(r, 0, 1);
				assertEquals("[48,64]", r.json().get(0).getAsJsonObject("cam").get("feature_size").toString());
			}),
			row("model: external data file missing", f -> {
				ModelProto.Builder p = ModelProto.parseFrom(Files.readAllBytes(f.model)).toBuilder();
				TensorProto.Builder t = p.getGraphBuilder().getInitializerBuilder(p.getGraph().getInitializerCount() - 1);
				t.clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
					.addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"));
				Path m = Files.write(f.dir.resolve("external.onnx"), p.build().toByteArray());
				f.badModel(m, "external data file (weights.bin, which is missing)");
			}),
			row("model: labels.txt with the wrong count", f -> {
				Files.writeString(f.dir.resolve("labels.txt"), "a\nb\nc\n");
				Files.delete(f.dir.resolve("toy.json"));
				f.badModel(f.model, "3 labels for 4 classes");
			}),
			row("model: --labels with the wrong count", f -> {
				Path l = Files.writeString(f.dir.resolve("five.txt"), "a\nb\nc\nd\ne\n");
				Run r = f.cli("classify", "--model", f.model.toString(), "--labels", l.toString(), "--json", f.good.toString());
				f.expect(r, 2, 0, f.model + ": ", "5 labels for 4 classes");
			}),
			row("model: foreign JSON beside the model (Keras config) is ignored", f -> {
				Files.writeString(f.dir.resolve("toy.json"), "{\"class_name\": \"Functional\", \"config\": {\"layers\": []}, \"keras_version\": \"2.13.1\", \"backend\": \"tensorflow\"}");
				Run r = f.cli("classify", "--model", f.model.toString(), "--device", "cpu", "--json", f.good.toString());
				f.expect(r, 0, 1);
			}),
			row("model: broken sidecar JSON", f -> {
				Path side = Files.writeString(f.dir.resolve("toy.json"), "{\"labels\": [\"a\", ");
				Run r = f.cli("classify", "--model", f.model.toString(), "--json", f.good.toString());
				f.expect(r, 2, 0, side + ": ", "not valid model metadata JSON");
			}),
			row("model: missing path", f -> f.badModel(f.dir.resolve("nothere.onnx"), "no such file")),
			row("model: a folder", f -> f.badModel(Files.createDirectory(f.dir.resolve("folder.onnx")), "is a folder")),
			row("model: unreadable (chmod 000; a pipe when root)", f -> {
				Path m = f.unreadable("locked.onnx", Files.readAllBytes(f.model));
				f.badModel(m, ROOT ? "is not a regular file" : "cannot be read");
			}),
			// ---------------------------------------------------------------- images: exit 1, the good ones still done
			row("image: missing, among good ones", f -> f.badImage(f.dir.resolve("nothere.tif"), "no such file")),
			row("image: unreadable (chmod 000; a pipe when root)", f -> f.badImage(f.unreadable("locked.tif", Files.readAllBytes(f.good)),
				ROOT ? "is not a regular file" : "cannot be read")),
			row("image: empty file", f -> f.badImage(Files.write(f.dir.resolve("empty.tif"), new byte[0]), "the file is empty")),
			row("image: not an image (text named .tif)", f -> f.badImage(Files.writeString(f.dir.resolve("text.tif"), "not a tiff"), "not an image ImageJ can open")),
			row("image: truncated PNG", f -> {
				byte[] png = OddImages.png(64, 48, 0, true);
				f.badImage(Files.write(f.dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2)), "");
			}),
			row("image: 0 x 0 PNG", f -> f.badImage(Files.write(f.dir.resolve("zero.png"), OddImages.png(0, 0, 0, true)), "the image is empty (0 x 0 pixels)")),
			row("image: folder with no images", f -> {
				Path empty = Files.createDirectory(f.dir.resolve("no images"));
				Files.writeString(empty.resolve("notes.txt"), "nothing here");
				Run r = f.cli("classify", "--model", f.model.toString(), "--json", empty.toString());
				f.expect(r, 2, 0, "no image files in ", "give image files or folders");
			}),
			row("image: 1 x 1 pixel is classified", f -> {
				Path one = f.tiff("one.tif", new ByteProcessor(1, 1));
				f.expect(f.cli("classify", "--model", f.model.toString(), "--device", "cpu", "--json", one.toString()), 0, 1);
			}),
			row("image: NaN and Inf in a 32-bit image", f -> {
				FloatProcessor fp = new FloatProcessor(40, 30);
				fp.setf(3, 4, Float.NaN);
				fp.setf(5, 6, Float.POSITIVE_INFINITY);
				f.badImage(f.tiff("nan.tif", fp), "2 of the 32-bit image's pixels are NaN or infinite");
			}),
			row("image: saturated 16-bit is classified", f -> {
				ShortProcessor sp = new ShortProcessor(40, 30);
				sp.setValue(65535);
				sp.fill();
				Run r = f.cli("classify", "--model", f.model.toString(), "--device", "cpu", "--json", f.tiff("saturated.tif", sp).toString());
				f.expect(r, 0, 1);
				double p = r.json().get(0).getAsJsonArray("top").get(0).getAsJsonObject().get("probability").getAsDouble();
				assertTrue(p > 0 && p <= 1, "a finite probability: " + p);
			}),
			row("image: 5-channel composite for a 3-channel model: channels 1-3 classified, the unused two said", f -> {
				Path p = hyperstack(f.dir.resolve("five channels.tif"), 5, 1, 1);
				Run r = f.goodImage(p);
				// the channels the model does not see are said, in one info line naming the file
				assertTrue(r.err.lines().anyMatch(l -> l.startsWith("info: " + p + ": ") && l.contains("channel")), r.err);
			}),
			row("image: 5-D hyperstack (2 channels, 3 slices, 2 frames): slice 1, frame 1 classified", f -> {
				f.goodImage(hyperstack(f.dir.resolve("hyper.tif"), 2, 3, 2));
			}),
			row("image: 30,000 x 30,000 PNG is refused before decoding", f -> f.badImage(f.hugePng(), "over the 67-megapixel limit")),
			row("image: 30,000 x 30,000 TIFF (header) is refused before decoding", f -> {
				Path t = Files.write(f.dir.resolve("huge.tif"), OddImages.tiffHeader(30_000, 30_000));
				f.badImage(t, "classify it in tiles");
			}),
			row("paths with spaces", f -> {
				Path d = Files.createDirectories(f.dir.resolve("my models/v 1"));
				Path m = Files.copy(f.model, d.resolve("toy model.onnx"));
				Path i = Files.copy(f.good, d.resolve("field one.tif"));
				f.expect(f.cli("classify", "--model", m.toString(), "--device", "cpu", "--json", i.toString()), 0, 1);
			}),
			row("paths with non-ASCII characters", f -> {
				Path d = Files.createDirectories(f.dir.resolve("Zellkerne_äöü_細胞"));
				Path m = Files.copy(f.model, d.resolve("modèle_模型.onnx"));
				Path i = Files.copy(f.good, d.resolve("champ_é_視野.tif"));
				Run r = f.cli("classify", "--model", m.toString(), "--device", "cpu", "--json", i.toString());
				f.expect(r, 0, 1);
				assertEquals(i.toString(), r.json().get(0).get("image").getAsString());
			}),
			// ---------------------------------------------------------------- outputs and device
			row("--out: a folder that cannot be created or written", f -> {
				Path file = Files.writeString(f.dir.resolve("a file"), "x");
				Path out = file.resolve("out");
				Run r = f.cli("classify", "--model", f.model.toString(), "--device", "cpu", "--out", out.toString(), f.good.toString());
				f.expect(r, 2, 0, out + ": ", "cannot write the output folder");
			}),
			row("--out: the disk fills up mid-batch", BadInputMatrixTest::diskFull),
			row("--device gpu without a GPU", f -> {
				Run r = f.cli("classify", "--model", f.model.toString(), "--device", "gpu", f.good.toString());
				f.expect(r, 2, 0, "gpu requested but the GPU pack is not installed: run ", "gpu install");
			}));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void matrix(String name, Case c) throws Exception {
		c.run(this);
	}

	// ---------------------------------------------------------------- child-JVM rows (the heap matters)

	/** The 30,000 x 30,000 PNG under a 256 MB heap: refused from its header (decoding it would need 900 MB). */
	@Test
	void hugeImageUnderASmallHeapIsRefusedNotOutOfMemory() throws Exception {
		Path huge = hugePng();
		Child c = child("-Xmx256m", "classify", "--model", model.toString(), "--device", "cpu", "--json", huge.toString(), good.toString());
		assertEquals(1, c.code, c.err);
		assertEquals(1, c.out.trim().split("\n").length, "the good image is classified: " + c.out);
		assertEquals(1, c.errorLines().size(), c.err);
		assertTrue(c.errorLines().get(0).startsWith("error: " + huge + ": 30000 x 30000 pixels is over the 67-megapixel limit"), c.err);
		assertFalse(c.err.contains("OutOfMemoryError") || c.err.contains("\tat "), c.err);
	}

	/** A model whose head does not fit a 160 MB heap: one line saying it needs more memory (exit 2). */
	@Test
	void modelTooLargeForTheHeapSaysHowMuchMemory() throws Exception {
		Path wide = io.github.inceptioncam.testing.TestModels.wideHead(dir.resolve("wide.onnx"));
		Child c = child("-Xmx160m", "classify", "--model", wide.toString(), "--device", "cpu", good.toString());
		assertEquals(2, c.code, c.err);
		assertEquals(1, c.errorLines().size(), c.err);
		assertTrue(c.err.startsWith("error: " + wide + ": not enough memory"), c.err);
		assertTrue(c.err.contains("MB") && c.err.contains("-Xmx"), "says how much and how to give more: " + c.err);
		assertFalse(c.err.contains("OutOfMemoryError"), c.err);
	}

	// ---------------------------------------------------------------- the disk-full row

	/**
	 * 12 images into a 1 MB tmpfs: the CAM TIFFs (256 KB each) fill it after a few images. Every image is
	 * still classified on stdout, the ones that could not be written get one error line each (exit 1), and
	 * what was written before is complete: results.csv rows whole, JSON files parse.
	 */
	static void diskFull(BadInputMatrixTest f) throws Exception {
		Path mount = Files.createDirectories(f.dir.resolve("small disk"));
		Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()).redirectErrorStream(true).start();
		String why = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), "a 1 MB tmpfs is needed to simulate a full disk (run the tests as root, as CI does): " + why);
		try {
			Path images = Files.createDirectory(f.dir.resolve("many"));
			Random rnd = new Random(5);
			for (int i = 0; i < 12; i++) {
				ByteProcessor bp = new ByteProcessor(256, 256);
				for (int k = 0; k < 256 * 256; k++) bp.set(k, rnd.nextInt(256));
				new FileSaver(new ImagePlus("i", bp)).saveAsTiff(images.resolve(String.format("img_%02d.tif", i)).toString());
			}
			Path out = mount.resolve("out");
			Run r = f.cli("classify", "--model", f.model.toString(), "--device", "cpu", "--json", "--out", out.toString(), images.toString());
			assertEquals(1, r.code, r.err);
			assertEquals(12, r.json().size(), "every image is still classified on stdout");
			List<String> errs = errorLines(r.err);
			assertFalse(errs.isEmpty(), "the full disk is reported");
			for (String e : errs) {
				assertTrue(e.matches("error: " + java.util.regex.Pattern.quote(images.toString()) + "/img_\\d\\d\\.tif: cannot write results to .*"), e);
			}
			assertFalse(r.err.contains("\tat "), r.err);
			List<String> csv = Files.readAllLines(out.resolve("results.csv"));
			assertEquals(ResultsCsv.HEADER, csv.get(0));
			int columns = ResultsCsv.HEADER.split(",").length;
			assertTrue(csv.size() > 1, "some rows were written before the disk filled up");
			for (String row : csv.subList(1, csv.size())) assertEquals(columns, row.split(",", -1).length, "a whole row: " + row);
			try (Stream<Path> s = Files.list(out)) {
				for (Path j : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".json"))::iterator) {
					String text = Files.readString(j);
					if (text.isEmpty()) continue; // created, then nothing fitted: the error line names it
					JsonParser.parseString(text).getAsJsonObject();
				}
			}
		} finally {
			new ProcessBuilder("umount", mount.toString()).start().waitFor();
		}
	}

	// ---------------------------------------------------------------- fixture and helpers

	@BeforeEach
	void setUp() throws Exception {
		model = TestModels.build(TestModels.Head.GEMM_TORCH, 21).write(dir.resolve("toy.onnx"));
		Files.writeString(dir.resolve("toy.json"), "{\"labels\":[\"cat\",\"dog\",\"mitosis\",\"apoptosis\"]}");
		Random rnd = new Random(3);
		ByteProcessor bp = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++) bp.set(i, rnd.nextInt(256));
		good = tiff("good.tif", bp);
	}

	Path tiff(String name, ij.process.ImageProcessor ip) {
		Path p = dir.resolve(name);
		new FileSaver(new ImagePlus(name, ip)).saveAsTiff(p.toString());
		return p;
	}

	/** A file this process cannot read: chmod 000, or as root (who reads anything) a named pipe. */
	Path unreadable(String name, byte[] content) throws Exception {
		Path p = dir.resolve(name);
		if (ROOT) {
			assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor(), "mkfifo");
		} else {
			Files.write(p, content);
			assertTrue(p.toFile().setReadable(false, false));
		}
		return p;
	}

	Path hugePng() throws IOException {
		Path p = dir.resolve("huge.png");
		if (!Files.exists(p)) Files.write(p, OddImages.png(30_000, 30_000, 0, false));
		return p;
	}

	static final class Run {
		int code;
		String out, err;

		List<JsonObject> json() {
			List<JsonObject> l = new ArrayList<>();
			for (String line : out.split("\n")) if (!line.isBlank()) l.add(JsonParser.parseString(line).getAsJsonObject());
			return l;
		}
	}

	Run cli(String... args) {
		StringWriter o = new StringWriter(), e = new StringWriter();
		Run r = new Run();
		r.code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
		r.out = o.toString();
		r.err = e.toString();
		return r;
	}

	/** stderr lines that are errors (info: and warning: lines are not). */
	static List<String> errorLines(String err) {
		List<String> l = new ArrayList<>();
		for (String line : err.split("\n")) {
			if (line.isBlank() || line.startsWith("info: ") || line.startsWith("warning: ")) continue;
			l.add(line);
		}
		return l;
	}

	/**
	 * Exit code, number of JSON results, and the error lines: each (prefix, reason) pair one line
	 * {@code error: <prefix>...<reason>...}, no other error line, no stack trace.
	 */
	void expect(Run r, int code, int results, String... prefixAndReason) {
		String all = "exit " + r.code + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
		assertEquals(code, r.code, all);
		if (r.out.trim().startsWith("{") || results > 0) assertEquals(results, r.json().size(), all);
		List<String> errs = errorLines(r.err);
		assertEquals(prefixAndReason.length / 2, errs.size(), all);
		for (int i = 0; i < prefixAndReason.length; i += 2) {
			String line = errs.get(i / 2);
			assertTrue(line.startsWith("error: " + prefixAndReason[i]), "expected 'error: " + prefixAndReason[i] + "...' in: " + all);
			assertTrue(line.contains(prefixAndReason[i + 1]), "expected '" + prefixAndReason[i + 1] + "' in: " + line);
		}
		assertFalse(r.err.contains("\tat ") || r.err.contains("Exception:") || r.err.contains("Error:"), "no stack trace or raw exception: " + all);
	}

	void badModel(Path m, String reason) {
		expect(cli("classify", "--model", m.toString(), "--device", "cpu", "--json", good.toString()), 2, 0, m + ": ", reason);
	}

	/** The bad image between two good ones: exit 1, both good ones classified, one line for the bad one. */
	void badImage(Path img, String reason) throws IOException {
		Path second = Files.copy(good, dir.resolve("good2.tif"));
		Run r = cli("classify", "--model", model.toString(), "--device", "cpu", "--json", good.toString(), img.toString(), second.toString());
		expect(r, 1, 2, img + ": ", reason);
	}

	/** An odd but valid image between two good ones: all three classified, exit 0. */
	Run goodImage(Path img) throws IOException {
		Path second = Files.copy(good, dir.resolve("good2.tif"));
		Run r = cli("classify", "--model", model.toString(), "--device", "cpu", "--json", good.toString(), img.toString(), second.toString());
		expect(r, 0, 3);
		assertEquals(img.toString(), r.json().get(1).get("image").getAsString());
		return r;
	}

	static final class Child {
		int code;
		String out, err;

		List<String> errorLines() {
			return BadInputMatrixTest.errorLines(err);
		}
	}

	Child child(String heap, String... args) throws Exception {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> cmd = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"), "io.github.inceptioncam.cli.Main"));
		cmd.addAll(List.of(args));
		Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
		Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the run did not finish");
		Child c = new Child();
		c.code = p.exitValue();
		c.out = Files.readString(out);
		c.err = Files.readString(err);
		return c;
	}

	/** A black 40x30 8-bit hyperstack of c channels, z slices and t frames saved as TIFF at {@code p}. */
	static Path hyperstack(Path p, int c, int z, int t) {
		ImageStack st = new ImageStack(40, 30);
		for (int i = 0; i < c * z * t; i++) st.addSlice(new ByteProcessor(40, 30));
		ImagePlus imp = new ImagePlus(p.getFileName().toString(), st);
		imp.setDimensions(c, z, t);
		assertTrue(new FileSaver(imp).saveAsTiffStack(p.toString()), "cannot write " + p);
		return p;
	}
}
