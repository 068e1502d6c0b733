package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.testing.OnnxBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose dense head does not fit the heap (its weights are read in double precision) fails with one
 * line saying how to give Java more memory, never with an {@code OutOfMemoryError} on stderr.
 */
class HeadMemoryTest {
	@TempDir
	Path tmp;

	@Test
	void aHeadTooLargeForTheHeapIsOneLineAboutMemory() throws Exception {
		Random rnd = new Random(9);
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", 1, 3, 8, 8);
		b.randomInit("cw", rnd, 0.5, 64, 3, 1, 1);
		b.node("Conv", new String[] {"x", "cw"}, new String[] {"feat"}, "kernel_shape", new long[] {1, 1});
		b.node("Flatten", "feat", "flat");
		// 4,096 x 4,096 weights: 64 MB as floats in the file, 128 MB as doubles, twice while read
		b.randomInit("w", rnd, 0.01, 4096, 64 * 8 * 8);
		b.node("Gemm", new String[] {"flat", "w"}, new String[] {"y"}, "transB", 1L);
		b.output("y");
		Path model = b.write(tmp.resolve("wide.onnx"));
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
		Process p = new ProcessBuilder(List.of(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
			"io.github.inceptioncam.cli.Main", "info", "--model", model.toString()))
			.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not finish");
		String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
		assertEquals(2, p.exitValue(), stderr);
		assertEquals(1, stderr.split("\n").length, stderr);
		assertTrue(stderr.startsWith("error: " + model + ": not enough memory"), stderr);
		assertFalse(stderr.contains("OutOfMemoryError"), stderr);
	}
}
