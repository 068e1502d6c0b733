package io.github.inceptioncam.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} on the command line: files, labels, exit codes 0 and 2, one-line errors. */
class GenerateCommandTest {
	@TempDir
	Path dir;

	private static String[] run(String... args) {
		StringWriter o = new StringWriter(), e = new StringWriter();
		int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
		return new String[] {String.valueOf(code), o.toString(), e.toString()};
	}

	@Test
	void writesFieldsAndLabels() throws Exception {
		Path out = dir.resolve("demo");
		String[] r = run("generate", "--count", "8", "--seed", "4", "--size", "128", "--out", out.toString());
		assertEquals("0", r[0], r[2]);
		assertTrue(r[1].startsWith("wrote 8 fields (2 interphase, 2 mitosis, 2 apoptosis, 2 binucleated)"), r[1]);
		List<String> lines = Files.readAllLines(out.resolve("labels.csv"));
		assertEquals("image,label,x,y,w,h", lines.get(0));
		assertEquals(9, lines.size());
		for (int i = 0; i < 8; i++) assertTrue(Files.isRegularFile(out.resolve(String.format("field_%05d.tif", i))));
		String[] again = run("generate", "--count", "8", "--seed", "4", "--size", "128", "--out", dir.resolve("again").toString());
		assertEquals("0", again[0], again[2]);
		assertEquals(lines, Files.readAllLines(dir.resolve("again").resolve("labels.csv")));
		assertArrayEquals(out.resolve("field_00005.tif"), dir.resolve("again").resolve("field_00005.tif"));
	}

	@Test
	void chosenClassesOnly() throws Exception {
		Path out = dir.resolve("two");
		String[] r = run("generate", "--count", "6", "--size", "96", "--classes", "mitosis,apoptosis", "--out", out.toString());
		assertEquals("0", r[0], r[2]);
		List<String> lines = Files.readAllLines(out.resolve("labels.csv"));
		long mitosis = lines.stream().filter(l -> l.contains(",mitosis,")).count();
		long apoptosis = lines.stream().filter(l -> l.contains(",apoptosis,")).count();
		assertEquals(3, mitosis);
		assertEquals(3, apoptosis);
	}

	@Test
	void usageErrorsExitTwoWithOneLine() throws Exception {
		String out = dir.resolve("x").toString();
		String[][] bad = {
			{"generate", "--count", "0", "--out", out},
			{"generate", "--count", "-3", "--out", out},
			{"generate", "--count", "4", "--size", "10", "--out", out},
			{"generate", "--count", "4", "--classes", "mitosis,prophase", "--out", out},
			{"generate", "--count", "4", "--classes", "mitosis,mitosis", "--out", out},
			{"generate", "--count", "4", "--pixel-size", "0", "--out", out},
		};
		for (String[] args : bad) {
			String[] r = run(args);
			assertEquals("2", r[0], String.join(" ", args));
			assertTrue(r[2].startsWith("error: "), r[2]);
			assertEquals(1, r[2].trim().split("\n").length, r[2]);
			assertFalse(r[2].contains("Exception"), r[2]);
		}
		assertFalse(Files.exists(dir.resolve("x")));
		assertEquals("2", run("generate", "--out", out)[0]);
		assertEquals("2", run("generate", "--count", "3")[0]);
		assertEquals("2", run("generate", "--count", "two", "--out", out)[0]);
	}

	@Test
	void existingDataSetNeedsOverwrite() throws Exception {
		Path out = dir.resolve("d");
		assertEquals("0", run("generate", "--count", "6", "--size", "64", "--out", out.toString())[0]);
		String[] r = run("generate", "--count", "2", "--size", "64", "--out", out.toString());
		assertEquals("2", r[0]);
		assertTrue(r[2].contains("--overwrite"), r[2]);
		r = run("generate", "--count", "2", "--size", "64", "--out", out.toString(), "--overwrite");
		assertEquals("0", r[0], r[2]);
		assertEquals(3, Files.readAllLines(out.resolve("labels.csv")).size());
		assertFalse(Files.exists(out.resolve("field_00005.tif")), "old fields are removed");
		Path file = Files.write(dir.resolve("file.txt"), new byte[0]);
		assertEquals("2", run("generate", "--count", "2", "--out", file.toString())[0]);
	}

	private static void assertArrayEquals(Path a, Path b) throws Exception {
		org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), a.toString());
	}
}
