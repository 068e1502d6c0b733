package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.testing.OnnxBuilder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a model must not need several copies of it on the Java heap (Fiji's default heap is small):
 * a model of about 80 MB is classified, CAM included, by the command line in a JVM whose heap is
 * only 1.5x the file's size. Reading, parsing, rewriting and handing the model to ONNX Runtime as
 * byte arrays (the old path) needs 4-6x and fails here with an out-of-memory error.
 */
class LargeModelMemoryTest {
	@TempDir
	Path tmp;

	static Path bigModel(Path dir) throws Exception {
		Random rnd = new Random(3);
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", -1, 3, 6, 6);
		b.randomInit("w0", rnd, 0.5, 1024, 3, 1, 1);
		b.node("Conv", new String[] {"x", "w0"}, new String[] {"c0"}, "kernel_shape", new long[] {1, 1});
		b.node("Relu", "c0", "r0");
		for (int i = 1; i <= 2; i++) {
			b.randomInit("w" + i, rnd, 0.01, 1024, 1024, 3, 3);
			b.node("Conv", new String[] {"r" + (i - 1), "w" + i}, new String[] {"c" + i}, "kernel_shape", new long[] {3, 3},
				"pads", new long[] {1, 1, 1, 1});
			b.node("Relu", "c" + i, "r" + i);
		}
		b.node("GlobalAveragePool", "r2", "gap");
		b.node("Flatten", "gap", "flat");
		b.randomInit("fc", rnd, 0.1, 4, 1024);
		b.node("Gemm", new String[] {"flat", "fc"}, new String[] {"logits"}, "transB", 1L);
		b.output("logits");
		return b.write(dir.resolve("big.onnx"));
	}

	@Test
	void eightyMegabyteModelRunsWithAHeapOfOneAndAHalfTimesItsSize() throws Exception {
		Path model = bigModel(tmp);
		long size = Files.size(model);
		assertTrue(size > 70L << 20, "model of " + size + " bytes");
		BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 6; y++) for (int x = 0; x < 6; x++) img.setRGB(x, y, (x * 40) << 16 | (y * 40) << 8 | 90);
		Path png = tmp.resolve("in.png");
		ImageIO.write(img, "png", png.toFile());
		long heapMb = size * 3 / 2 / (1024 * 1024);
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
		Process p = new ProcessBuilder(List.of(java, "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
			"io.github.inceptioncam.cli.Main", "classify", "--device", "cpu", "--json", "--model", model.toString(), png.toString()))
			.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not finish");
		String stdout = Files.readString(out, StandardCharsets.UTF_8), stderr = Files.readString(err, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), "heap " + heapMb + " MB for a " + size / (1024 * 1024) + " MB model: " + stderr);
		assertTrue(stdout.contains("\"identity_error\""), "a CAM was computed: " + stdout);
		assertTrue(!stderr.contains("OutOfMemoryError"), stderr);
		assertTrue(new File(model.toString()).exists());
	}
}
