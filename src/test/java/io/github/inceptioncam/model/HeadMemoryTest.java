package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
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
		Path model = io.github.inceptioncam.testing.TestModels.wideHead(tmp.resolve("wide.onnx"));
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
