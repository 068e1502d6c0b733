package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder pipeline: input order, per-file errors, batch auto, decode timing, same answers as one at a time. */
class PipelineCliTest {
	@TempDir
	Path dir;
	Path model;
	Path images;
	final List<String> expectedOrder = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		model = TestModels.build(TestModels.Head.GEMM_TORCH, 21).write(dir.resolve("toy.onnx"));
		images = Files.createDirectory(dir.resolve("images"));
		Random rnd = new Random(9);
		for (int i = 0; i < 23; i++) {
			String name = String.format("img_%02d", i);
			Path p;
			if (i == 5 || i == 17) {
				p = images.resolve(name + ".png");
				Files.write(p, "damaged".getBytes(StandardCharsets.UTF_8));
				continue;
			}
			int w = 20 + rnd.nextInt(30), h = 20 + rnd.nextInt(30);
			switch (i % 3) {
				case 0: {
					ByteProcessor bp = new ByteProcessor(w, h);
					for (int k = 0; k < w * h; k++) bp.set(k, rnd.nextInt(256));
					p = images.resolve(name + ".png");
					new FileSaver(new ImagePlus(name, bp)).saveAsPng(p.toString());
					break;
				}
				case 1: {
					ShortProcessor sp = new ShortProcessor(w, h);
					for (int k = 0; k < w * h; k++) sp.set(k, rnd.nextInt(65536));
					p = images.resolve(name + ".tif");
					new FileSaver(new ImagePlus(name, sp)).saveAsTiff(p.toString());
					break;
				}
				default: {
					ColorProcessor cp = new ColorProcessor(w, h);
					for (int k = 0; k < w * h; k++) cp.set(k, rnd.nextInt(1 << 24));
					p = images.resolve(name + ".jpg");
					new FileSaver(new ImagePlus(name, cp)).saveAsJpeg(p.toString());
				}
			}
			expectedOrder.add(p.toString());
		}
	}

	private static JsonObject withoutTimings(JsonObject o) {
		JsonObject c = o.deepCopy();
		c.remove("timing_ms");
		return c;
	}

	@Test
	void folderResultsComeInInputOrderWithErrorsPerFile() throws Exception {
		Path out = dir.resolve("out");
		java.io.PrintStream systemOut = System.out;
		java.io.ByteArrayOutputStream chatter = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(chatter, true));
		io.github.inceptioncam.testing.CliRun r;
		try {
			r = CliTest.cli("classify", "--model", model.toString(), "--device", "cpu", "--top", "2", "--json",
			"--out", out.toString(), images.toString());
		} finally {
			System.setOut(systemOut);
		}
		assertEquals("", chatter.toString(), "nothing from ImageJ on stdout (it would break the JSON lines)");
		assertEquals(1, r.code, r.err);
		List<JsonObject> lines = r.json();
		assertEquals(expectedOrder.size(), lines.size());
		for (int i = 0; i < lines.size(); i++) {
			assertEquals(expectedOrder.get(i), lines.get(i).get("image").getAsString());
			JsonObject t = lines.get(i).getAsJsonObject("timing_ms");
			for (String k : new String[] {"preprocess", "inference", "cam", "decode"}) assertTrue(t.has(k), k);
			assertTrue(t.get("decode").getAsDouble() > 0);
		}
		String[] errs = r.err.trim().split("\n");
		assertEquals(2, errs.length, r.err);
		assertTrue(errs[0].startsWith("error: " + images.resolve("img_05.png") + ": "), errs[0]);
		assertTrue(errs[1].startsWith("error: " + images.resolve("img_17.png") + ": "), errs[1]);
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(1 + 2 * expectedOrder.size(), csv.size());
		for (int i = 0; i < expectedOrder.size(); i++) {
			assertTrue(csv.get(1 + 2 * i).startsWith(expectedOrder.get(i) + ",1,"), csv.get(1 + 2 * i));
		}

		// one image at a time, no threads: the same answers
		io.github.inceptioncam.testing.CliRun seq = CliTest.cli("classify", "--model", model.toString(), "--device", "cpu", "--top", "2", "--json",
			"--batch", "1", "--decode-threads", "0", "--write-thread", "false", images.toString());
		assertEquals(1, seq.code, seq.err);
		assertEquals(r.err, seq.err);
		List<JsonObject> one = seq.json();
		assertEquals(lines.size(), one.size());
		for (int i = 0; i < lines.size(); i++) assertEquals(withoutTimings(one.get(i)), withoutTimings(lines.get(i)), "image " + i);
	}

	@Test
	void batchOptionAndTableDecodeTime() {
		io.github.inceptioncam.testing.CliRun t = CliTest.cli("classify", "--model", model.toString(), "--device", "cpu", expectedOrder.get(0));
		assertEquals(0, t.code, t.err);
		assertTrue(t.out.contains(" ms, decode "), t.out);
		for (String bad : new String[] {"0", "-2", "eight"}) {
			io.github.inceptioncam.testing.CliRun b = CliTest.cli("classify", "--model", model.toString(), "--batch", bad, images.toString());
			assertEquals(2, b.code, bad);
			assertTrue(b.err.startsWith("error: --batch must be"), b.err);
		}
		io.github.inceptioncam.testing.CliRun three = CliTest.cli("classify", "--model", model.toString(), "--device", "cpu", "--batch", "3", "--json", images.toString());
		assertEquals(1, three.code, three.err);
		assertEquals(expectedOrder.size(), three.json().size());
	}
}
