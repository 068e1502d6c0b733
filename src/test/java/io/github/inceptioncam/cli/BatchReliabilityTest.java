package io.github.inceptioncam.cli;

import io.github.inceptioncam.testing.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.IJ;
import ij.ImagePlus;
import io.github.inceptioncam.image.AtomicFiles;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ResultsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches that survive a kill: a CLI child JVM killed with SIGKILL in the middle of a folder leaves only
 * complete rows and files, and {@code --resume} finishes with the results of an uninterrupted run; changed
 * settings are redone; four CLI processes on one output folder write what one serial run writes.
 */
class BatchReliabilityTest {
	@TempDir
	static Path dir;
	static Path in;
	/** Every run uses one thread and batch 1: the same arithmetic in every process. */
	static final List<String> SAME = List.of("classify", "--device", "cpu", "--threads", "1", "--batch", "1");

	static CliRun cli(List<String> args) {
		return CliRun.of(args.toArray(new String[0]));
	}

	static List<String> args(String... more) {
		List<String> a = new ArrayList<>(SAME);
		a.addAll(Arrays.asList(more));
		return a;
	}

	@BeforeAll
	static void images() {
		in = dir.resolve("in");
		CliRun r = cli(List.of("generate", "--count", "30", "--seed", "4", "--size", "384", "--out", in.toString()));
		assertEquals(0, r.code, r.err);
	}

	/** The CLI in a child JVM, its output to files next to {@code log}. */
	static Process child(Path log, List<String> args) throws Exception {
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		if (Runtime.version().feature() >= 22) cmd.add("--enable-native-access=ALL-UNNAMED");
		cmd.add("-cp");
		cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
		cmd.add(Main.class.getName());
		cmd.addAll(args);
		return new ProcessBuilder(cmd).redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
			.redirectError(log.resolveSibling(log.getFileName() + ".err").toFile()).start();
	}

	static List<String> sortedRows(Path csv) throws Exception {
		List<String> l = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertEquals(ResultsCsv.HEADER, l.get(0));
		return l.subList(1, l.size()).stream().sorted().collect(Collectors.toList());
	}

	static Set<String> resultFiles(Path out) throws Exception {
		try (Stream<Path> s = Files.list(out)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	static Path reference() throws Exception {
		Path ref = dir.resolve("ref");
		if (!Files.exists(ref.resolve("results.csv"))) {
			CliRun r = cli(args("--out", ref.toString(), in.toString()));
			assertEquals(0, r.code, r.err);
		}
		return ref;
	}

	/** Every row complete, every image of the CSV with a valid JSON file and 32-bit CAM TIFF, no temporary file taken for a result. */
	static ResultsCsv.Contents checkComplete(Path out) throws Exception {
		ResultsCsv.Contents c = ResultsCsv.read(out.resolve("results.csv"));
		assertEquals(0, c.damaged, "no damaged line");
		for (ResultsCsv.Group g : c.groups) {
			assertTrue(g.complete(), "complete rows for " + g.image);
			String base = ImageFiles.baseName(g.image);
			JsonObject j = JsonParser.parseString(Files.readString(out.resolve(base + ".json"))).getAsJsonObject();
			assertEquals(g.image, j.get("image").getAsString());
			ImagePlus cam = IJ.openImage(out.resolve(base + "_cam.tif").toString());
			assertNotNull(cam, base + "_cam.tif opens");
			assertEquals(32, cam.getBitDepth());
		}
		try (Stream<Path> s = Files.list(out)) {
			for (Path p : s.collect(Collectors.toList())) {
				String n = p.getFileName().toString();
				if (AtomicFiles.isTemporary(p)) {
					assertTrue(n.startsWith(".") && !ImageFiles.isImageName(p), "a temporary file is hidden, never a result: " + n);
				} else if (n.endsWith(".json")) {
					JsonParser.parseString(Files.readString(p)); // every JSON under its own name is whole
				} else if (n.endsWith(".tif")) {
					assertNotNull(IJ.openImage(p.toString()), n);
				}
			}
		}
		return c;
	}

	@Test
	void sigkillMidRunThenResumeGivesTheUninterruptedResults() throws Exception {
		Path ref = reference();
		Path out = dir.resolve("killed");
		Process p = child(dir.resolve("killed-log"), args("--out", out.toString(), in.toString()));
		Path csv = out.resolve("results.csv");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		int images = 0;
		while (System.nanoTime() < deadline && p.isAlive()) {
			if (Files.exists(csv)) {
				images = ResultsCsv.read(csv).groups.size();
				if (images >= 3) break;
			}
			Thread.sleep(10);
		}
		assertTrue(p.isAlive(), "the child was still running when killed (it had " + images + " images)");
		p.destroyForcibly(); // SIGKILL on Linux
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(137, p.exitValue(), "killed by SIGKILL");
		ResultsCsv.Contents after = checkComplete(out);
		int done = after.groups.size();
		assertTrue(done >= 3 && done < 30, "killed mid-run: " + done + " of 30 images written");

		CliRun resumed = cli(args("--resume", "--out", out.toString(), in.toString()));
		assertEquals(0, resumed.code, resumed.err);
		assertTrue(resumed.err.contains("info: resume: " + done + " of 30 inputs already done, " + (30 - done) + " to do"), resumed.err);
		checkComplete(out);
		assertEquals(sortedRows(ref.resolve("results.csv")), sortedRows(csv), "resumed results equal an uninterrupted run's");
		Set<String> files = resultFiles(out);
		files.remove(io.github.inceptioncam.image.FolderLock.NAME);
		assertEquals(resultFiles(ref), files);
		try (Stream<Path> s = Files.list(out)) {
			assertFalse(s.anyMatch(AtomicFiles::isTemporary), "the killed run's temporary files are gone");
		}
	}

	@Test
	void resumeRedoesChangedSettingsAndCutRowsAndRefusesWithoutResume() throws Exception {
		Path out = dir.resolve("settings");
		Path five = Files.createDirectories(dir.resolve("five"));
		for (int i = 0; i < 5; i++) Files.copy(in.resolve(String.format("field_%05d.tif", i)), five.resolve(String.format("field_%05d.tif", i)));
		assertEquals(0, cli(args("--top", "2", "--out", out.toString(), five.toString())).code);
		Path csv = out.resolve("results.csv");
		assertEquals(1 + 5 * 2, Files.readAllLines(csv).size());

		CliRun again = cli(args("--top", "2", "--out", out.toString(), five.toString()));
		assertEquals(2, again.code);
		assertTrue(again.err.startsWith("error: " + csv + " already holds results for 5 of these 5 inputs; add --resume"), again.err);
		assertEquals(1, again.err.trim().split("\n").length, again.err);

		CliRun same = cli(args("--top", "2", "--resume", "--out", out.toString(), five.toString()));
		assertEquals(0, same.code, same.err);
		assertTrue(same.err.contains("info: resume: 5 of 5 inputs already done, 0 to do"), same.err);

		CliRun changed = cli(args("--top", "3", "--resume", "--out", out.toString(), five.toString()));
		assertEquals(0, changed.code, changed.err);
		assertTrue(changed.err.contains("0 of 5 inputs already done, 5 to do (5 redone"), changed.err);
		List<String> rows = Files.readAllLines(csv);
		assertEquals(1 + 5 * 3, rows.size(), "the old rows are replaced, not kept beside the new ones");
		Set<String> settings = new TreeSet<>();
		for (String r : rows.subList(1, rows.size())) settings.add(r.substring(r.lastIndexOf(',') + 1));
		assertEquals(1, settings.size());

		CliRun cls = cli(args("--top", "3", "--class", "1", "--resume", "--out", out.toString(), five.toString()));
		assertTrue(cls.err.contains("0 of 5 inputs already done, 5 to do"), "another class is other settings: " + cls.err);

		// one image's last row lost and a line torn by a kill: that image is redone, the others kept
		List<String> now = Files.readAllLines(csv);
		String lastImage = now.get(now.size() - 1).substring(0, now.get(now.size() - 1).indexOf(','));
		Files.write(csv, (String.join("\n", now.subList(0, now.size() - 1)) + "\n" + lastImage + ",1,0,cut").getBytes(StandardCharsets.UTF_8));
		CliRun torn = cli(args("--top", "3", "--class", "1", "--resume", "--out", out.toString(), five.toString()));
		assertEquals(0, torn.code, torn.err);
		assertTrue(torn.err.contains("4 of 5 inputs already done, 1 to do (1 redone: other settings or incomplete rows) (1 damaged line(s) dropped)"), torn.err);
		assertEquals(1 + 5 * 3, Files.readAllLines(csv).size());
		assertEquals(5, checkComplete(out).groups.size());
	}

	@Test
	void fourProcessesOnOneFolderWriteWhatASerialRunWrites() throws Exception {
		List<String> names;
		try (Stream<Path> s = Files.list(in)) {
			names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().collect(Collectors.toList());
		}
		assertEquals(30, names.size());
		Path lists = Files.createDirectories(in.resolve("lists"));
		Path all = Files.write(lists.resolve("all.txt"), names.stream().map(n -> "../" + n).collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
		Path serial = dir.resolve("serial");
		CliRun r = cli(args("--out", serial.toString(), "--inputs-from", all.toString()));
		assertEquals(0, r.code, r.err);

		Path out = dir.resolve("four");
		List<Process> ps = new ArrayList<>();
		for (int k = 0; k < 4; k++) {
			StringBuilder sb = new StringBuilder();
			for (int i = k; i < names.size(); i += 4) sb.append("../").append(names.get(i)).append('\n');
			Path list = Files.write(lists.resolve("part" + k + ".txt"), sb.toString().getBytes(StandardCharsets.UTF_8));
			ps.add(child(dir.resolve("four-" + k), args("--out", out.toString(), "--inputs-from", list.toString())));
		}
		for (int k = 0; k < 4; k++) {
			Process p = ps.get(k);
			if (!p.waitFor(300, TimeUnit.SECONDS)) {
				for (Process q : ps) q.destroyForcibly();
				throw new AssertionError("process " + k + " did not finish");
			}
			assertEquals(0, p.exitValue(), Files.readString(dir.resolve("four-" + k + ".err")));
		}
		ResultsCsv.Contents c = checkComplete(out);
		assertEquals(30, c.groups.size(), "each image once");
		assertEquals(sortedRows(serial.resolve("results.csv")), sortedRows(out.resolve("results.csv")));
	}
}
