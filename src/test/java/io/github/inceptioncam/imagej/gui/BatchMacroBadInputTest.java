package io.github.inceptioncam.imagej.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.inceptioncam.testing.TestModels;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fiji rows of the bad-input matrix (docs/RELIABILITY.md): real ImageJ 1.x child processes running
 * {@code ImageJ -batch macro.ijm}, our menu entries installed from a plugins folder as in a user's
 * ImageJ. A bad argument must give a log line and end the macro, never a modal "Macro Error" dialog
 * that nobody can close (which hangs the run: the process is killed after the timeout and the row fails).
 */
class BatchMacroBadInputTest {
	static final long TIMEOUT_S = 120;
	static Xvfb x;

	@TempDir
	static Path dir;
	static Path pluginsDir;
	static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		x = Xvfb.start();
		// an ImageJ folder whose plugins/ holds a jar with our plugins.config (the classes are on the classpath)
		pluginsDir = Files.createDirectories(dir.resolve("ImageJ"));
		Path jar = Files.createDirectories(pluginsDir.resolve("plugins")).resolve("Inception_CAM.jar");
		try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
				InputStream in = BatchMacroBadInputTest.class.getResourceAsStream("/plugins.config")) {
			j.putNextEntry(new JarEntry("plugins.config"));
			in.transferTo(j);
			j.closeEntry();
		}
		model = TestModels.build(TestModels.Head.GEMM_TORCH, 4).write(dir.resolve("toy.onnx"));
	}

	@AfterAll
	static void stop() {
		if (x != null) x.close();
	}

	/** Runs the macro with {@code ImageJ -batch}; asserts it ended on its own, without a stack trace. */
	static String batch(String name, String macro) throws Exception {
		Path m = Files.writeString(dir.resolve(name + ".ijm"), macro + "\nprint(\"MACRO_CONTINUED\");\n");
		Xvfb.Run r = x.java(List.of("-Dplugins.dir=" + pluginsDir), "ij.ImageJ", TIMEOUT_S, "-batch", m.toString());
		assertNotEquals(-1, r.code, "the -batch macro hung (a modal dialog?) and was killed after " + TIMEOUT_S + " s:\n" + r.output);
		assertFalse(r.output.contains("\tat ") || r.output.contains("Exception"), "no stack trace: " + r.output);
		return r.output;
	}

	static Path image(String name, long seed) {
		Random rnd = new Random(seed);
		ByteProcessor bp = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++) bp.set(i, rnd.nextInt(256));
		Path p = dir.resolve(name);
		new FileSaver(new ImagePlus(name, bp)).saveAsTiff(p.toString());
		return p;
	}

	@Test
	void classifyWithAMissingModelLogsOneLineAndEndsTheMacro() throws Exception {
		Path missing = dir.resolve("no such model.onnx");
		String out = batch("missing-model", "newImage(\"x\", \"8-bit random\", 40, 30, 1);\n"
			+ "run(\"Classify Image...\", \"model=[" + missing + "] top=3 device=cpu\");");
		assertTrue(out.contains("Inception CAM: error: " + missing + ": no such file"), out);
		assertFalse(out.contains("MACRO_CONTINUED"), "the error ends the macro: " + out);
	}

	@Test
	void classifyWithNoImageLogsOneLine() throws Exception {
		String out = batch("no-image", "run(\"Classify Image...\", \"model=[" + model + "] device=cpu\");");
		assertTrue(out.contains("Inception CAM: error: no image: open an image first"), out);
	}

	@Test
	void aBadOptionValueLogsOneLine() throws Exception {
		String out = batch("bad-value", "newImage(\"x\", \"8-bit random\", 40, 30, 1);\n"
			+ "run(\"Classify Image...\", \"model=[" + model + "] top=zero device=cpu\");");
		assertTrue(out.contains("Inception CAM: error: ") && out.contains("top"), out);
	}

	@Test
	void batchOfAMissingFolderLogsOneLine() throws Exception {
		Path missing = dir.resolve("no such folder");
		String out = batch("missing-folder", "run(\"Batch Classify Folder...\", \"input=[" + missing + "] pattern=*.tif output=["
			+ dir.resolve("out-missing") + "] model=[" + model + "] device=cpu\");");
		assertTrue(out.contains("Inception CAM: error: ") && out.contains(missing.toString()), out);
	}

	@Test
	void aCorruptAndAHugeImageInABatchAreSkippedAndTheOthersAreDone() throws Exception {
		Path in = Files.createDirectories(dir.resolve("batch in"));
		Files.copy(image("a.tif", 1), in.resolve("a.tif"));
		Files.writeString(in.resolve("b.tif"), "not a tiff at all");
		Files.copy(image("c.tif", 2), in.resolve("c.tif"));
		Files.write(in.resolve("d huge.tif"), io.github.inceptioncam.testing.OddImages.tiffHeader(30_000, 30_000));
		Path out = dir.resolve("batch out");
		String log = batch("corrupt-and-huge-in-batch", "run(\"Batch Classify Folder...\", \"input=[" + in + "] pattern=*.tif output=[" + out
			+ "] model=[" + model + "] top=1 device=cpu\");");
		assertTrue(log.contains(in.resolve("b.tif") + ": ") && log.contains("(skipped)"), log);
		assertTrue(log.contains("MACRO_CONTINUED"), "one bad file does not end the macro: " + log);
		List<String> rows = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(3, rows.size(), "header + a.tif + c.tif: " + rows);
		assertTrue(Files.readString(out.resolve("errors.csv")).contains("b.tif"));
		// the 30,000 x 30,000 TIFF is refused from its header, asking for tiles
		assertTrue(log.contains(in.resolve("d huge.tif") + ": 30000 x 30000 pixels is over the 67-megapixel limit"), log);
		assertTrue(Files.readString(out.resolve("errors.csv")).contains("d huge.tif"));
	}
}
