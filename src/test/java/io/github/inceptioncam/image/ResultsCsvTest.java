package io.github.inceptioncam.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a results CSV after a kill: damaged lines, incomplete images, stale settings; appends after a torn line. */
class ResultsCsvTest {
	@TempDir
	Path dir;

	static String group(String image, int ranks, String settings) {
		StringBuilder sb = new StringBuilder();
		for (int r = 1; r <= ranks; r++) {
			sb.append(ResultsCsv.quote(image)).append(',').append(r).append(",0,\"a,b\",0.5,1.0,cpu,x,1,2,3,4,1e-7,").append(ranks)
				.append(",abc,").append(settings).append('\n');
		}
		return sb.toString();
	}

	@Test
	void fieldsAreSplitWithQuotesAndMalformedLinesAreNull() {
		assertArrayEquals(new String[] {"a", "b,c", "say \"hi\"", ""}, ResultsCsv.split("a,\"b,c\",\"say \"\"hi\"\"\","));
		assertNull(ResultsCsv.split("a,\"b,c"));
		assertNull(ResultsCsv.split("a,b\"c"));
		assertEquals("\"x,y\"", ResultsCsv.quote("x,y"));
		assertEquals("two lines", ResultsCsv.quote("two\nlines"));
	}

	@Test
	void tornLineAndIncompleteImageAreNotDone() throws Exception {
		Path csv = dir.resolve("results.csv");
		ResultsCsv.create(csv);
		String full = group("one.tif", 3, "s1") + group("two, with comma.tif", 3, "s1");
		String three = group("three.tif", 3, "s1");
		String threeCut = three.substring(0, three.indexOf('\n') + 1); // rank 1 of 3 only
		String four = group("four.tif", 3, "s1");
		Files.write(csv, (full + threeCut + four.substring(0, four.length() - 9)).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
		ResultsCsv.Contents c = ResultsCsv.read(csv);
		assertEquals(1, c.damaged, "the last line has no newline");
		assertEquals(Set.of("one.tif", "two, with comma.tif"), c.done("s1"));
		assertEquals(Set.of(), c.done("s2"));
		assertTrue(c.images().contains("three.tif"));
	}

	@Test
	void anAppendAfterATornLineStartsOnItsOwnLine() throws Exception {
		Path csv = dir.resolve("results.csv");
		ResultsCsv.create(csv);
		String four = group("four.tif", 2, "s1");
		Files.write(csv, four.substring(0, four.length() - 5).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
		ResultsCsv.appendRows(csv, group("five.tif", 2, "s1"));
		List<String> lines = Files.readAllLines(csv);
		assertEquals(ResultsCsv.HEADER, lines.get(0));
		assertTrue(lines.get(lines.size() - 1).startsWith("five.tif,2,"), lines.toString());
		ResultsCsv.Contents c = ResultsCsv.read(csv);
		assertEquals(1, c.damaged);
		assertEquals(Set.of("five.tif"), c.done("s1"));
	}

	@Test
	void prepareKeepsDoneRowsAndDropsStaleOnesOfTheseInputsOnly() throws Exception {
		Path csv = dir.resolve("results.csv");
		ResultsCsv.create(csv);
		String kept = group("a.tif", 2, "new");
		String stale = group("b.tif", 2, "old");
		String other = group("z.tif", 2, "old");
		String partial = group("c.tif", 2, "new");
		partial = partial.substring(0, partial.indexOf('\n') + 1);
		ResultsCsv.appendRows(csv, kept + stale + other + partial);
		ResultsCsv.Prepared p = ResultsCsv.prepare(csv, List.of("a.tif", "b.tif", "c.tif", "d.tif"), "new");
		assertEquals(Set.of("a.tif"), p.done);
		assertEquals(2, p.redo);
		assertEquals(ResultsCsv.HEADER + "\n" + kept + other, Files.readString(csv));
		assertFalse(Files.list(dir).anyMatch(AtomicFiles::isTemporary), "no temporary file left");
	}

	@Test
	void anotherLayoutIsRefusedInOneLine() throws Exception {
		Path csv = dir.resolve("results.csv");
		Files.write(csv, "image,rank,index\nx,1,2\n".getBytes(StandardCharsets.UTF_8));
		IOException e = assertThrows(IOException.class, () -> ResultsCsv.read(csv));
		assertTrue(e.getMessage().startsWith(csv + ": not a results.csv of this version"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void staleTemporaryFilesOfDeadProcessesAreDeletedOthersKept() throws Exception {
		Path dead = dir.resolve(".x.json.tmp-999999999-1");
		Path mine = dir.resolve(".y.json.tmp-" + ProcessHandle.current().pid() + "-1");
		Path result = dir.resolve("x.json");
		Files.write(dead, new byte[] {1});
		Files.write(mine, new byte[] {1});
		AtomicFiles.write(result, "{}".getBytes(StandardCharsets.UTF_8));
		assertEquals(1, AtomicFiles.deleteStale(dir));
		assertFalse(Files.exists(dead));
		assertTrue(Files.exists(mine));
		assertEquals("{}", Files.readString(result));
		assertTrue(AtomicFiles.isTemporary(mine) && !AtomicFiles.isTemporary(result));
		assertFalse(ImageFiles.isImageName(dir.resolve(".f.tif.tmp-1-1")));
	}
}
